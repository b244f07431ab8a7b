package dev.aftersales.web;

/** Rules of a request that involve more than one field; see {@link CrossFieldChecked}. */
public interface CrossFieldRules {

  void check(Violations violations);

  /** Where a cross-field rule reports what it found. */
  interface Violations {

    void reject(String field, String message);

    void reject(String collection, int index, String field, String message);
  }
}
