package dev.aftersales.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.OrderExceptionRepository;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.ShortageRepository;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The retry is scheduled with the configured delay, and not at all when switched off. */
class ProcessStarterTest {

  @Test
  void retryRunsWithTheConfiguredDelay() {
    ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

    starter(true).configureTasks(registrar);

    assertThat(registrar.getFixedDelayTaskList()).singleElement()
        .extracting(task -> task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void retryCanBeSwitchedOff() {
    ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

    starter(false).configureTasks(registrar);

    assertThat(registrar.getFixedDelayTaskList()).isEmpty();
  }

  private static ProcessStarter starter(boolean retry) {
    IntakeProperties properties =
        new IntakeProperties(retry, Duration.ofSeconds(10), Duration.ofSeconds(45), Duration.ofMinutes(2), 1);
    return new ProcessStarter(mock(CamundaClient.class), mock(CaseRepository.class), mock(ShortageRepository.class),
        mock(OrderExceptionRepository.class), mock(OrderSnapshotRepository.class), properties,
        mock(TransactionTemplate.class), Clock.systemUTC());
  }
}
