package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The copies the {@link CaseCache} hands out share nothing mutable with what it remembers: every field of a case holds
 * an immutable value but its lines, which the copy gets anew ({@link AfterSalesCase#copy()}); a snapshot's copy
 * ({@link OrderSnapshot#copy()}) is written out field by field. A field of another kind, or a snapshot field the copy
 * does not know, fails here until the copy copies it.
 */
class AggregateCopyTest {

  /** Values that never change once made. */
  private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Integer.class, Long.class, Boolean.class,
      boolean.class, int.class, long.class, BigDecimal.class, Instant.class);

  /** Fields the copy handles itself: lines copied anew, stored lines unmodifiable, the opening snapshot dropped, the
   * stored row replaced, never changed in place. */
  private static final Set<String> HANDLED = Set.of("lines", "storedLines", "openingSnapshot", "storedRow");

  @Test
  void everyFieldOfTheCaseIsImmutableOrCopiedAnew() {
    List<String> mutable = Arrays.stream(AfterSalesCase.class.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()))
        .filter(f -> !HANDLED.contains(f.getName()))
        .filter(f -> !IMMUTABLE.contains(f.getType()) && !f.getType().isEnum())
        .map(f -> f.getName() + ": " + f.getType().getName())
        .toList();
    assertThat(mutable).as("fields AfterSalesCase.copy() would share with the copy").isEmpty();
  }

  @Test
  void theCopyHasEveryValueAndItsOwnLines() throws Exception {
    AfterSalesCase opened = CaseSavingTest.newCase();
    opened.linesStored();

    AfterSalesCase copy = opened.copy();

    for (Field field : AfterSalesCase.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("openingSnapshot")) {
        continue;
      }
      field.setAccessible(true);
      assertThat(field.get(copy)).as(field.getName()).isEqualTo(field.get(opened));
    }
    assertThat(copy.getLines()).isNotSameAs(opened.getLines());
    assertThat(copy.openingSnapshot()).as("only the case being opened stores its snapshot").isNull();

    copy.updateLine(0, line -> line.received("6900001", Grade.NEW));
    assertThat(opened.getLines().get(0).grade()).isNull();
  }

  @Test
  void theSnapshotsCopyKnowsEveryFieldAndHasItsOwnLists() throws Exception {
    assertThat(Arrays.stream(OrderSnapshot.class.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName))
        .as("the fields OrderSnapshot.copy() copies")
        .containsExactlyInAnyOrder("caseId", "version", "orderLines", "evidence", "storedEvidence");
    OrderSnapshot snapshot = CaseSavingTest.newCase().openingSnapshot();
    snapshot.rowsStored();

    OrderSnapshot copy = snapshot.copy();

    for (Field field : OrderSnapshot.class.getDeclaredFields()) {
      field.setAccessible(true);
      assertThat(field.get(copy)).as(field.getName()).isEqualTo(field.get(snapshot));
    }
    copy.evidenceRead(0, "read in the copy");
    assertThat(snapshot.getEvidence().get(0).ocrText()).isNull();
    assertThat(copy.getOrderLines()).isEqualTo(snapshot.getOrderLines());
  }
}
