package dev.aftersales.fuzz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;

/**
 * Generated request bodies for the API fuzz suite: each field is mostly a valid value, sometimes any
 * JSON value (wrong type, fraction, quoted number, huge number, null, array, object) and sometimes
 * absent, so most bodies are invalid in one or a few fields and a few are accepted. A body is then
 * occasionally broken as text (cut short, not an object, over 64 KiB). Deterministic for a seed.
 */
final class FuzzBodies {

  /** Marks a field left out of the body. */
  static final Object ABSENT = new Object();

  private final Random random;
  private final Map<Arbitrary<?>, Iterator<?>> samples = new IdentityHashMap<>();

  /**
   * Outside a jqwik property, generators are only reachable through {@link Arbitrary#sampleStream()},
   * which draws from jqwik's random of the current thread: seeding it makes the samples reproducible.
   */
  FuzzBodies(long seed) {
    this.random = new Random(seed);
    SourceOfRandomness.create(Long.toString(seed));
  }

  @SuppressWarnings("unchecked")
  <T> T next(Arbitrary<T> arbitrary) {
    return (T) samples.computeIfAbsent(arbitrary, a -> a.sampleStream().iterator()).next();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  // ---- values -----------------------------------------------------------------------------------

  static Arbitrary<Object> anyJson() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(null)),
        Tuple.of(2, Arbitraries.of(true, false).map(b -> (Object) b)),
        Tuple.of(3, Arbitraries.integers().between(-20_000, 20_000).map(i -> (Object) i)),
        Tuple.of(2, Arbitraries.of(Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1, 2147483647L, -2147483648L)
            .map(l -> (Object) l)),
        Tuple.of(2, Arbitraries.of(new BigDecimal("1.9"), new BigDecimal("0.001"), new BigDecimal("-3.5"),
            new BigDecimal("1e400"), new BigDecimal("12.345")).map(d -> (Object) d)),
        Tuple.of(3, text(0, 40).map(s -> (Object) s)),
        Tuple.of(2, Arbitraries.of("2", "1.9", "true", "", " ", "null", "SKU-A", "🙂", "\u0000", "<script>")
            .map(s -> (Object) s)),
        Tuple.of(1, text(60, 3000).map(s -> (Object) s)),
        Tuple.of(1, Arbitraries.just(List.of())),
        Tuple.of(1, Arbitraries.just(Map.of())),
        Tuple.of(1, Arbitraries.just(List.of(1, "x", Map.of()))));
  }

  /** Letters, digits, CJK, punctuation and control characters. */
  static Arbitrary<String> text(int min, int max) {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("-_:/ .\"\\{}[]")
        .withCharRange('\u4e00', '\u4e20').withChars('\u0000', '\n', '\t', '\u202e')
        .ofMinLength(min).ofMaxLength(max);
  }

  /**
   * {@code valid} 10 times in 12, any JSON value once, absent once: a body of nine fields is then valid in
   * all of them about once in five, so some bodies get past validation to the business rules.
   */
  @SuppressWarnings("unchecked")
  static Arbitrary<Object> field(Arbitrary<?> valid) {
    return Arbitraries.frequencyOf(
        Tuple.of(10, (Arbitrary<Object>) valid),
        Tuple.of(1, anyJson()),
        Tuple.of(1, Arbitraries.just(ABSENT)));
  }

  static Arbitrary<Object> quantity(int maxValid) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.integers().between(1, maxValid).map(i -> (Object) i)),
        Tuple.of(1, Arbitraries.of(0, -1, 10_000, 9_999, Integer.MAX_VALUE, Integer.MIN_VALUE).map(i -> (Object) i)),
        Tuple.of(1, Arbitraries.of(new BigDecimal("1.9"), new BigDecimal("1.0"), "2", "1", true).map(v -> (Object) v)));
  }

  /** A list of generated maps, mostly short; sometimes beyond the limit. */
  static Arbitrary<Object> list(Arbitrary<Map<String, Object>> element, int limit) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, element.list().ofMinSize(1).ofMaxSize(3).map(l -> (Object) l)),
        Tuple.of(1, element.list().ofMinSize(0).ofMaxSize(limit + 3).map(l -> (Object) l)),
        Tuple.of(1, anyJson()));
  }

  // ---- bodies -----------------------------------------------------------------------------------

  static Arbitrary<Map<String, Object>> objects(Map<String, Arbitrary<Object>> fields) {
    List<String> names = new ArrayList<>(fields.keySet());
    List<Arbitrary<Object>> values = names.stream().map(fields::get).toList();
    return Combinators.combine(values).as(generated -> {
      Map<String, Object> body = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        if (generated.get(i) != ABSENT) {
          body.put(names.get(i), generated.get(i));
        }
      }
      return body;
    });
  }

  /**
   * The JSON text of {@code body}, broken now and then: cut short, wrapped in an array, replaced by a
   * scalar, or padded beyond 64 KiB.
   */
  String text(String json) {
    int roll = random.nextInt(100);
    if (roll < 3 && json.length() > 2) {
      return json.substring(0, 1 + random.nextInt(json.length() - 1));
    }
    if (roll < 5) {
      return "[" + json + "]";
    }
    if (roll < 6) {
      return next(Arbitraries.of("", "null", "42", "\"text\"", "{", "}", "{\"a\":}", "\uFEFF{}", "{}{}"));
    }
    if (roll < 7) {
      return json.substring(0, json.length() - 1) + ",\"padding\":\"" + "x".repeat(65 * 1024) + "\"}";
    }
    return json;
  }
}
