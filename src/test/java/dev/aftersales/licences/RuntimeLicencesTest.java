package dev.aftersales.licences;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.testsupport.ProcessTestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's licence check: nothing under a licence that is not open source (Camunda License, Zeebe Community
 * License, BSL, SSPL, AGPL, Elastic) reaches the product jar. The in-memory engine of the tests is under such
 * licences; it stays in test scope, and this test fails the build if it, or anything like it, moves to the
 * runtime class path.
 */
class RuntimeLicencesTest {

  @Test
  void everyJarOnTheProductsRuntimeClasspathIsOpenSource() {
    List<Path> runtime = RuntimeLicences.runtimeClasspath(ProcessTestEngine.projectRoot());

    // What the product runs on, so the check sees the real class path and not an empty file.
    assertThat(runtime).extracting(jar -> jar.getFileName().toString())
        .anyMatch(name -> name.startsWith("camunda-client-java-"))
        .anyMatch(name -> name.startsWith("spring-boot-3."))
        .anyMatch(name -> name.startsWith("mysql-connector-j-"))
        .noneMatch(name -> name.startsWith("zeebe-process-test") || name.startsWith("zeebe-workflow-engine")
            || name.startsWith("wiremock"));
    assertThat(RuntimeLicences.refusals(runtime)).isEmpty();
  }

  @Test
  void theTestEngineOnTheRuntimeClasspathWouldFailTheBuild() {
    List<Path> withEngine = new ArrayList<>(RuntimeLicences.runtimeClasspath(ProcessTestEngine.projectRoot()));
    Path engine = jarOf(io.camunda.zeebe.engine.Engine.class);
    Path processTest = jarOf(io.camunda.zeebe.process.test.extension.ZeebeProcessTest.class);
    withEngine.add(engine);
    withEngine.add(processTest);

    assertThat(RuntimeLicences.refusals(withEngine)).containsExactly(
        engine.getFileName() + " is under Camunda License v1.0, which is not an open-source licence",
        processTest.getFileName() + " is under Zeebe Community License v1.1, which is not an open-source licence");
  }

  private static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
