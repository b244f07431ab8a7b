package dev.aftersales.licences;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.licences.LicencePolicy.Licence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the licence check lets into the product, as POMs name the licences. */
class LicencePolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {"Camunda License v1.0", "Zeebe Community License v1.1", "Business Source License 1.1",
      "BUSL-1.1", "Server Side Public License, v 1", "SSPL-1.0", "GNU Affero General Public License v3",
      "AGPL-3.0-only", "Elastic License 2.0"})
  void refusesLicencesThatAreNotOpenSource(String name) {
    assertThat(LicencePolicy.refusal(List.of(new Licence(name, null))))
        .hasValueSatisfying(why -> assertThat(why).contains("not an open-source licence"));
  }

  @Test
  void refusesAJarOfferingAForbiddenLicenceBesideAnOpenOne() {
    assertThat(LicencePolicy.refusal(List.of(new Licence("Apache License, Version 2.0", null),
        new Licence("Elastic License 2.0", null)))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Apache License, Version 2.0", "The Apache Software License, Version 2.0", "MIT",
      "BSD-3-Clause", "EPL-2.0", "LGPL-2.1-only", "GPL2 w/ CPE",
      "The GNU General Public License, v2 with Universal FOSS Exception, v1.0",
      "Public Domain, per Creative Commons CC0"})
  void acceptsOpenSourceLicences(String name) {
    assertThat(LicencePolicy.refusal(List.of(new Licence(name, null)))).isEmpty();
  }

  @Test
  void asksForAReviewOfAnUnknownOrMissingLicence() {
    assertThat(LicencePolicy.refusal(List.of(new Licence("Proprietary", null))))
        .hasValueSatisfying(why -> assertThat(why).contains("review it"));
    assertThat(LicencePolicy.refusal(List.of(new Licence("GNU General Public License v3", null)))).isPresent();
    assertThat(LicencePolicy.refusal(List.of())).hasValue("declares no licence");
  }

  @Test
  void aJarInheritsTheLicenceOfItsParentPom(@TempDir Path repository) throws IOException {
    write(repository.resolve("com/example/vendor-parent/2.0/vendor-parent-2.0.pom"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <groupId>com.example</groupId><artifactId>vendor-parent</artifactId><version>2.0</version>
          <licenses><license><name>Camunda License v1.0</name></license></licenses>
        </project>""");
    write(repository.resolve("com/example/engine/engine/2.0/engine-2.0.pom"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <parent><groupId>com.example</groupId><artifactId>vendor-parent</artifactId><version>2.0</version></parent>
          <groupId>com.example.engine</groupId><artifactId>engine</artifactId>
        </project>""");
    Path jar = write(repository.resolve("com/example/engine/engine/2.0/engine-2.0.jar"), "");

    assertThat(RuntimeLicences.refusals(List.of(jar)))
        .containsExactly("engine-2.0.jar is under Camunda License v1.0, which is not an open-source licence");
  }

  private static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
