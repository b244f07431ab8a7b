package dev.aftersales.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two engines in one JVM, as in the test suite (the integration tests' shared engine with its live workers beside a
 * process-path test's own): each answers its own commands with its own records ({@link OneResponseAtATime}).
 */
class EnginesSideBySideTest {

  private static final int COMMANDS = 300;

  @Test
  void twoEnginesAnsweringAtOnceNeverMixTheirAnswers() throws Exception {
    try (ProcessTestEngine left = ProcessTestEngine.start(); ProcessTestEngine right = ProcessTestEngine.start()) {
      assertThat(ProcessTestEngine.responseWriter(left.engine())).isInstanceOf(OneResponseAtATime.class);
      deploy(left, "left-probe");
      deploy(right, "right-probe");
      ExecutorService senders = Executors.newFixedThreadPool(8);
      try {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
          answers.add(CompletableFuture.supplyAsync(() -> create(left, "left-probe"), senders));
          answers.add(CompletableFuture.supplyAsync(() -> create(right, "right-probe"), senders));
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
          String expected = i % 2 == 0 ? "left-probe" : "right-probe";
          try {
            String answered = answers.get(i).get(60, TimeUnit.SECONDS);
            if (!expected.equals(answered)) {
              failures.add("asked " + expected + ", answered " + answered);
            }
          } catch (Exception e) {
            failures.add("asked " + expected + ", failed: " + e.getMessage());
          }
        }
        assertThat(failures).as("answers of %d commands to each engine", COMMANDS).isEmpty();
      } finally {
        senders.shutdownNow();
      }
    }
  }

  private static void deploy(ProcessTestEngine engine, String processId) {
    engine.client().newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess(processId).startEvent().endEvent().done(), processId + ".bpmn")
        .send().join();
  }

  private static String create(ProcessTestEngine engine, String processId) {
    ProcessInstanceEvent created = engine.client().newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .requestTimeout(Duration.ofSeconds(20)).send().join();
    return created.getBpmnProcessId();
  }
}
