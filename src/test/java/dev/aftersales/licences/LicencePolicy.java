package dev.aftersales.licences;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which licences may reach the product jar. Forbidden: the source-available licences that are not open
 * source (Camunda License, Zeebe Community License, Business Source License, SSPL, Elastic License, Commons
 * Clause) and the AGPL. A jar with any forbidden licence is refused, even when it offers another one too;
 * a jar none of whose licences is a known open-source licence is refused until someone reviews it and adds
 * the licence here. docs/deployment.md ("Licences") lists what each part of the product is under.
 */
final class LicencePolicy {

  /** A jar's licences as its POM (or the nearest parent POM declaring any) states them. */
  record Licence(String name, String url) {

    String text() {
      return (name == null ? "" : name) + " " + (url == null ? "" : url);
    }
  }

  private static final List<Pattern> FORBIDDEN = patterns(
      "camunda[ -]license", "camunda\\.com/legal", "zeebe[ -]community[ -]license", "zeebe\\.io/legal",
      "business[ -]source", "\\bbusl\\b", "\\bbsl[- ]?1\\.1\\b", "server[ -]side[ -]public", "\\bsspl\\b",
      "affero", "\\bagpl", "elastic[ -]license", "commons[ -]clause");

  private static final List<Pattern> OPEN_SOURCE = patterns(
      "apache", "\\bmit\\b", "\\bbsd\\b", "bsd-[23]-clause", "new bsd", "eclipse public license", "\\bepl\\b",
      "\\bepl[- ]?[12]", "eclipse distribution license", "\\bedl\\b", "lgpl", "lesser general public",
      "(gpl|general public license).*(classpath|cpe|foss) exception", "gpl2 w/ cpe", "\\bcddl\\b",
      "common development and distribution",
      "mozilla public", "\\bmpl\\b", "public domain", "\\bcc0\\b", "\\bisc\\b", "unicode", "\\bw3c\\b",
      "go license", "bouncy castle");

  private LicencePolicy() {}

  /** Why a jar with these licences may not be in the product, or empty when it may. */
  static Optional<String> refusal(List<Licence> licences) {
    if (licences.isEmpty()) {
      return Optional.of("declares no licence");
    }
    for (Licence licence : licences) {
      if (matches(FORBIDDEN, licence.text())) {
        return Optional.of("is under " + licence.name() + ", which is not an open-source licence");
      }
    }
    if (licences.stream().noneMatch(l -> matches(OPEN_SOURCE, l.text()))) {
      return Optional.of("is under " + licences.stream().map(Licence::name).toList()
          + ", not a known open-source licence: review it, then name it in LicencePolicy");
    }
    return Optional.empty();
  }

  private static boolean matches(List<Pattern> patterns, String text) {
    return patterns.stream().anyMatch(p -> p.matcher(text).find());
  }

  private static List<Pattern> patterns(String... regexes) {
    return java.util.Arrays.stream(regexes).map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList();
  }
}
