package dev.aftersales.cases;

/** Condition of a returned item as graded by the warehouse. */
public enum Grade {
  NEW, LIGHTLY_USED, DAMAGED
}
