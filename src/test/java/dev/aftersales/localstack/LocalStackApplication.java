package dev.aftersales.localstack;

import dev.aftersales.AfterSalesApplication;
import dev.aftersales.tasks.UserTasks;
import dev.aftersales.testsupport.EngineUserTasks;
import dev.aftersales.testsupport.ProcessTestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The local stack's application (deploy/local/stack): the in-memory Zeebe engine of the tests
 * (zeebe-process-test, non-production) and the product's Spring application in one JVM, started from
 * the test classpath so that neither the engine nor this class reaches the product jar.
 *
 * <p>The engine starts first on {@code ZEEBE_GRPC_PORT} (default 26500); the application connects to it
 * over gRPC and deploys the models itself, as it does on a cluster. The engine has no REST API, so
 * {@link EngineUserTasks} answers the application's user-task calls in place of the cluster's.
 */
public final class LocalStackApplication {

  private LocalStackApplication() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(System.getenv().getOrDefault("ZEEBE_GRPC_PORT", "26500"));
    long started = System.nanoTime();
    // a step the engine strands in its backoff is tried again within 10 s, as on a busy cluster (camunda/camunda#16884)
    ProcessTestEngine engine = ProcessTestEngine.start(port).recurringStrandedJobsEvery(Duration.ofSeconds(10));
    // the stack's progress line waits for this line in the log
    System.out.printf("local-stack: in-memory Zeebe engine listening on %s (%.1f s)%n", engine.gatewayAddress(),
        (System.nanoTime() - started) / 1e9);

    List<String> arguments = new ArrayList<>(List.of(
        "--camunda.client.grpc-address=http://" + engine.gatewayAddress(),
        // no REST gateway in this engine; nothing may call it (the user tasks go through EngineUserTasks)
        "--camunda.client.rest-address=http://127.0.0.1:1",
        "--camunda.client.prefer-rest-over-grpc=false"));
    arguments.addAll(Arrays.asList(args)); // later arguments win
    SpringApplication application = new SpringApplication(AfterSalesApplication.class, EngineBeans.class);
    application.addInitializers(context -> context.getBeanFactory().registerSingleton("processTestEngine", engine));
    try {
      application.run(arguments.toArray(String[]::new));
    } catch (RuntimeException e) {
      // The engine's threads would keep the JVM alive: a failed start must end the process, so the stack sees it.
      engine.close();
      System.exit(1);
    }
  }

  /**
   * Registered only by {@link #main}: deliberately not a {@code @Configuration}, so the tests' component
   * scan of {@code dev.aftersales} never picks it up.
   */
  static class EngineBeans {

    @Bean
    @Primary
    UserTasks engineUserTasks(ProcessTestEngine processTestEngine) {
      return new EngineUserTasks(processTestEngine);
    }
  }
}
