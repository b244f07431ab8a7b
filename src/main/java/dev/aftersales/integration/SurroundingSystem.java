package dev.aftersales.integration;

/** The systems around the product; each may have its own base URL. */
public enum SurroundingSystem {
  OMS("oms", "Order platform (OMS)"),
  WMS("wms", "Warehouse (WMS)"),
  PAYMENTS("payments", "Payments"),
  CARRIER("carrier", "Carrier"),
  INSURER("insurer", "Freight insurer"),
  MARKETING("marketing", "Marketing"),
  NOTIFICATIONS("notifications", "Notifications"),
  VISION("vision", "Vision (OCR)"),
  ADDRESS("address", "Address service"),
  RISK("risk", "Risk control");

  private final String key;
  private final String displayName;

  SurroundingSystem(String key, String displayName) {
    this.key = key;
    this.displayName = displayName;
  }

  public String key() {
    return key;
  }

  public String displayName() {
    return displayName;
  }
}
