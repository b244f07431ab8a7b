package dev.aftersales.models;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real Zeebe engine in memory with the project's decisions deployed, so that the DMN tables
 * are tested exactly as production evaluates them (same FEEL engine, same hit policies).
 */
final class DecisionTestEngine implements AutoCloseable {

  private final ZeebeTestEngine engine;
  private final CamundaClient client;

  private DecisionTestEngine(final ZeebeTestEngine engine, final CamundaClient client) {
    this.engine = engine;
    this.client = client;
  }

  /** Starts an engine on a free port and deploys the given DMN files from {@code bpmn/}. */
  static DecisionTestEngine startWith(final String... dmnFiles) {
    final ZeebeTestEngine engine = EngineFactory.create(freePort());
    engine.start();
    final CamundaClient client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://" + engine.getGatewayAddress()))
            .preferRestOverGrpc(false)
            .build();
    final var deployment = client.newDeployResourceCommand();
    var step = deployment.addResourceFile(Path.of("bpmn", dmnFiles[0]).toString());
    for (int i = 1; i < dmnFiles.length; i++) {
      step = step.addResourceFile(Path.of("bpmn", dmnFiles[i]).toString());
    }
    step.send().join();
    return new DecisionTestEngine(engine, client);
  }

  EvaluateDecisionResponse evaluate(final String decisionId, final Map<String, ?> variables) {
    return client
        .newEvaluateDecisionCommand()
        .decisionId(decisionId)
        .variables(variables)
        .send()
        .join();
  }

  @Override
  public void close() {
    client.close();
    engine.stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
