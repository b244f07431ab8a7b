package dev.aftersales.licences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The licence check of the product's runtime class path: the jars Maven resolved for compile and runtime
 * scope (target/runtime-classpath.txt, written by maven-dependency-plugin in generate-test-resources).
 */
final class RuntimeLicences {

  private RuntimeLicences() {}

  static List<Path> runtimeClasspath(Path projectRoot) {
    Path file = projectRoot.resolve("target/runtime-classpath.txt");
    try {
      if (!Files.exists(file)) {
        throw new IllegalStateException(file + " is missing: run the build through Maven (mvn test), whose "
            + "generate-test-resources phase writes it");
      }
      return Arrays.stream(Files.readString(file).trim().split(File.pathSeparator))
          .filter(entry -> !entry.isBlank()).map(Path::of).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line per jar that may not be in the product: the jar and why. */
  static List<String> refusals(List<Path> jars) {
    List<String> refusals = new ArrayList<>();
    for (Path jar : jars) {
      try {
        LicencePolicy.refusal(PomLicences.of(PomLicences.pomOf(jar)))
            .ifPresent(why -> refusals.add(jar.getFileName() + " " + why));
      } catch (IOException e) {
        refusals.add(jar.getFileName() + ": its licence cannot be read (" + e.getMessage() + ")");
      }
    }
    return refusals;
  }
}
