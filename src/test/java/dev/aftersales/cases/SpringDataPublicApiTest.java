package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product uses Spring Data JDBC through its public API only (repositories, {@code @Query},
 * {@code JdbcAggregateTemplate}): its conversion and data-access internals change between minor versions
 * without notice. Every class of the product (src/main/java, workers/src/main/java) is read for imports of
 * those packages.
 */
class SpringDataPublicApiTest {

  /** Spring Data JDBC's internals: how aggregates are converted to statements and rows. */
  private static final List<String> INTERNAL = List.of(
      "org.springframework.data.jdbc.core.convert.",
      "org.springframework.data.relational.core.conversion.");

  @Test
  void noProductClassImportsSpringDataJdbcInternals() {
    Map<String, List<String>> offenders = new TreeMap<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("workers/src/main/java"))) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
          List<String> internal = internalImports(f);
          if (!internal.isEmpty()) {
            offenders.put(root.relativize(f).toString(), internal);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(offenders).as("product classes importing Spring Data JDBC internals").isEmpty();
  }

  private static List<String> internalImports(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith("import "))
          .filter(l -> INTERNAL.stream().anyMatch(l::contains))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
