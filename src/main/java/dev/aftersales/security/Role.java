package dev.aftersales.security;

/** Who may do what through the API (docs/security.md). */
public enum Role {
  /** A sales channel: opens cases, reports paid exchange differences, reads cases. */
  CHANNEL,
  /** The WMS or a scanner: reports returned parcels. */
  WAREHOUSE,
  AGENT,
  PROCESS_OWNER,
  /** Reads everything, changes nothing. */
  AUDITOR
}
