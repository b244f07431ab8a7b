package dev.aftersales.cases;

/** RECORDED on the case; CONFIRMED or DISPUTED by the warehouse. */
public enum PickingErrorStatus {
  RECORDED, CONFIRMED, DISPUTED
}
