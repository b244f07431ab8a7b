package dev.aftersales.workers.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * The facts every decision sees, as the variable {@code facts} (a FEEL context: {@code facts.channel}).
 * One documented set for all decisions, so a process owner adds a column on any fact in the Modeler
 * without a Java change; docs/decisions.md describes each fact, and a test keeps that list and this
 * record the same. A fact that does not apply to the case (no delivery yet, not a shortage) is null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS) // a fact the case lacks is null for FEEL, not missing
public record DecisionFacts(
    String caseType,
    String channel,
    String customerId,
    String customerTier,
    boolean urgent,
    BigDecimal orderAmount,
    String promotion,
    String paymentMethod,
    boolean freightInsurance,
    Long daysSinceDelivery,
    int returnsInLast30Days,
    int returnsInLast90Days,
    int returnsInLast365Days,
    String statedReason,
    String reason,
    Boolean unopened,
    String description,
    String ocrText,
    int photos,
    int videos,
    int itemsClaimed,
    BigDecimal wrongItemValue,
    Boolean bundleComponent,
    Boolean inStock,
    Long daysUntilArrival,
    Integer timesWaited,
    String exceptionType,
    Integer parcels) {}
