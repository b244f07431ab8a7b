package dev.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The after-sales case aggregate: the request, what was decided, received and paid; the order it is about and
 * the evidence sent with it are its {@link OrderSnapshot}, stored with it when it is opened. Process variables only
 * carry its id; workers load it from here.
 * Parts with a life of their own are aggregates of their own, keyed by the case's id, which only the
 * steps that touch them load and save: the refund ({@link Refund}), the compensation coupon ({@link Coupon}),
 * the picking error ({@link PickingError}), the difference payment of an exchange ({@link DifferencePayment}),
 * the shortage of an OUT_OF_STOCK case ({@link Shortage}) and the exception of an ORDER_EXCEPTION case
 * ({@link OrderException}), the last two stored by the opening path with the case.
 */
@Table("after_sales_case")
public class AfterSalesCase implements Cloneable {

  @Id private String id;
  @Version private Integer version;

  private CaseType type;
  private CaseStatus status;
  private String channel;
  private String channelRequestId;
  private String orderId;
  private String customerId;
  private Instant requestedAt;
  private Reason statedReason;
  private Reason reason;
  private ReasonSource reasonSource;
  private BigDecimal classifierConfidence;
  private String queue;
  private String description;
  private Boolean unopened;
  private Eligibility decision;
  private String decisionRule;
  private boolean urgent;
  private boolean escalated;

  private Instant orderPlacedAt;
  private Instant orderSignedAt;
  private String promotion;
  private String paymentId;
  private PaymentMethod paymentMethod;
  private String installmentPlanId;
  private boolean freightInsurance;
  private String warehouseId;
  private String customerTier;

  private Integer windowDays;
  private Boolean promotionWindow;
  private String trackingNumber;
  private String labelUrl;
  private BigDecimal freightCost;
  private String insuranceClaimId;
  private BigDecimal insurancePayout;
  private BigDecimal deductionAmount;
  private String deductionReason;
  private String replacementOrderId;
  private String outboundOrderId;
  private BigDecimal priceDifference;
  private String customerAnswer;
  private String customerContactNotes;
  private BigDecimal wrongItemValue;
  private Boolean keepWrongItem;
  private String wrongItemRule;
  @ReadOnlyProperty private Long processInstanceKey; // set by CaseRepository#linkProcessInstance only
  private Instant receivedAt;
  private String unexpectedItems;
  private boolean lateParcel;
  private Instant closedAt;
  private Instant createdAt;
  private Instant updatedAt;

  /**
   * Read with the case and written after the case's row, in its transaction, by {@link ReturnLinesStoring}: only the
   * lines that changed. Spring Data's save would delete and insert every line on every save of the case, and most
   * steps do not touch them; its read built the lines' SELECT anew on every load of the case.
   */
  @Transient private List<ReturnLine> lines = new ArrayList<>();

  /** The lines as the store holds them; null until they are stored (a case being opened). */
  @Transient private List<ReturnLine> storedLines;

  /** The order lines and evidence this case was opened with, until its first save stores them; null once read back. */
  @Transient private OrderSnapshot openingSnapshot;

  /**
   * The values of its row as the store holds them ({@link CaseRowStoring}), so that a save writes only the columns
   * that changed ({@link CaseRowWritingImpl}); null until it is stored. Replaced, never changed in place: a copy shares
   * it.
   */
  @Transient private Object[] storedRow;

  /** The tier of a customer OMS reports no tier for (cases opened before tiers were kept, too). */
  public static final String CUSTOMER_TIER_NORMAL = "NORMAL";

  AfterSalesCase() {}

  /**
   * Facts of the order as OMS reports them at intake.
   *
   * @param customerTier OMS {@code customerTier} (NORMAL, VIP1–VIP3); null when OMS does not say, read as NORMAL
   */
  public record OrderFacts(
      String customerId,
      Instant placedAt,
      Instant signedAt,
      String promotion,
      String paymentId,
      PaymentMethod paymentMethod,
      String installmentPlanId,
      boolean freightInsurance,
      String warehouseId,
      List<OrderLine> lines,
      String customerTier) {

    /** An order whose customer tier OMS did not report. */
    public OrderFacts(String customerId, Instant placedAt, Instant signedAt, String promotion, String paymentId,
        PaymentMethod paymentMethod, String installmentPlanId, boolean freightInsurance, String warehouseId,
        List<OrderLine> lines) {
      this(customerId, placedAt, signedAt, promotion, paymentId, paymentMethod, installmentPlanId, freightInsurance,
          warehouseId, lines, null);
    }
  }

  public static AfterSalesCase open(
      CaseType type,
      String channel,
      String channelRequestId,
      String orderId,
      Reason statedReason,
      String description,
      Boolean unopened,
      List<ReturnLine> lines,
      List<Evidence> evidence,
      OrderFacts order,
      Instant now) {
    AfterSalesCase c = new AfterSalesCase();
    c.id = UUID.randomUUID().toString();
    c.type = type;
    c.status = CaseStatus.OPEN;
    c.channel = channel;
    c.channelRequestId = channelRequestId;
    c.orderId = orderId;
    c.statedReason = statedReason;
    c.description = description;
    c.unopened = unopened;
    c.lines = new ArrayList<>(lines);
    c.customerId = order.customerId();
    c.orderPlacedAt = order.placedAt();
    c.orderSignedAt = order.signedAt();
    c.promotion = order.promotion();
    c.paymentId = order.paymentId();
    c.paymentMethod = order.paymentMethod();
    c.installmentPlanId = order.installmentPlanId();
    c.freightInsurance = order.freightInsurance();
    c.warehouseId = order.warehouseId();
    c.customerTier = order.customerTier() == null ? CUSTOMER_TIER_NORMAL : order.customerTier();
    c.openingSnapshot = OrderSnapshot.taken(c.id, order.lines(), evidence);
    c.requestedAt = now;
    c.createdAt = now;
    c.updatedAt = now;
    return c;
  }

  // ---- behaviour ---------------------------------------------------------------------------

  public void classified(Reason reason, ReasonSource source, BigDecimal confidence, String queue) {
    this.reason = reason;
    this.reasonSource = source;
    this.classifierConfidence = confidence;
    this.queue = queue;
  }

  /** @param windowDays the return window that applied; null when the policy gave none */
  public void decided(Eligibility decision, String rule, Integer windowDays, boolean promotionWindow) {
    this.decision = decision;
    this.decisionRule = rule;
    this.windowDays = windowDays;
    this.promotionWindow = promotionWindow;
  }

  public void markUrgent() {
    this.urgent = true;
  }

  /**
   * An agent approved the evidence. Only an approved QUALITY return (or exchange: the goods come back the
   * same way) is urgent: the warehouse is told with the inbound notice and its QC tasks come first
   * (task-priority). An opened no-reason return, a mis-sent claim or a disputed pick is not.
   */
  public void evidenceApproved() {
    if (reason == Reason.QUALITY && (type == CaseType.RETURN || type == CaseType.EXCHANGE)) {
      this.urgent = true;
    }
  }

  public void markEscalated() {
    this.escalated = true;
  }

  public void labelCreated(String trackingNumber, String labelUrl) {
    this.trackingNumber = trackingNumber;
    this.labelUrl = labelUrl;
  }

  /** Stores what the warehouse scanned and graded for each line; lines not scanned stay as they were. */
  public void parcelReceived(List<ReturnLine> receivedLines, Instant at) {
    parcelReceived(receivedLines, List.of(), at);
  }

  /**
   * A parcel arrived: the scanned lines, and the items that are on none of the lines (an agent decides
   * on those at inspection). While the case waits for the parcel it becomes RECEIVED; after it was
   * closed for "no parcel within 7 days" it is reopened as a late parcel, for an agent to decide.
   */
  public void parcelReceived(List<ReturnLine> receivedLines, List<UnexpectedItem> unexpected, Instant at) {
    boolean late = status == CaseStatus.CLOSED;
    moveTo(CaseStatus.RECEIVED, at);
    this.lines = new ArrayList<>(receivedLines);
    this.unexpectedItems = UnexpectedItem.format(unexpected);
    this.receivedAt = at;
    this.lateParcel = this.lateParcel || late;
  }

  /**
   * The parcel was recorded but the process closed the case for "no parcel" in the same moment (the
   * close was refused: {@link CaseTransitions}); the parcel goes to an agent as a late one.
   */
  public void parcelArrivedAsProcessGaveUp() {
    if (status != CaseStatus.RECEIVED) {
      throw new IllegalStateException("case " + id + " holds no received parcel (" + status + ")");
    }
    this.lateParcel = true;
  }

  public void updateLine(int index, UnaryOperator<ReturnLine> change) {
    lines.set(index, change.apply(lines.get(index)));
  }

  public void freightSettled(BigDecimal actualCost, String claimId, BigDecimal payout) {
    this.freightCost = actualCost;
    this.insuranceClaimId = claimId;
    this.insurancePayout = payout;
  }

  /**
   * An agent's deduction from the refund: never negative (that would pay more than the goods were
   * paid) and never more than what was paid for the lines coming back.
   */
  public void deductionDecided(BigDecimal amount, String reason, OrderSnapshot order) {
    Objects.requireNonNull(amount, "deduction amount");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("a deduction of " + amount + " CNY would raise the refund of case " + id);
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException("a deduction of " + amount + " CNY has more than 2 decimals");
    }
    BigDecimal paid = paidForLines(order);
    if (amount.compareTo(paid) > 0) {
      throw new IllegalArgumentException(
          "a deduction of " + amount + " CNY exceeds the " + paid + " CNY paid for the lines of case " + id);
    }
    this.deductionAmount = amount.setScale(2, RoundingMode.UNNECESSARY);
    this.deductionReason = reason;
  }

  // ---- exchange and mis-sent item ----------------------------------------------------------

  /** The after-sales order (replacement or reship) OMS created for this case. */
  public void replacementOrdered(String orderId) {
    this.replacementOrderId = orderId;
  }

  public void replacementShipped(String outboundOrderId) {
    this.outboundOrderId = outboundOrderId;
  }

  /** Σ (variant price − paid unit price) × quantity, as settled against the current variants. */
  public void priceSettled(BigDecimal difference) {
    this.priceDifference = difference;
  }

  /** The customer's answer to a contact; another variant replaces every line's wanted sku and unsettles the price. */
  public void customerAnswered(String answer, String notes, String newExchangeSku) {
    this.customerAnswer = answer;
    this.customerContactNotes = notes;
    if (newExchangeSku != null) {
      lines.replaceAll(line -> line.exchangedFor(newExchangeSku));
      this.priceDifference = null;
    }
  }

  /**
   * @param value of the wrong items; null when unknown (then they come back)
   * @param keep null while undecided: the decision gave no answer and an agent agrees it with the customer
   */
  public void wrongItemHandlingDecided(BigDecimal value, Boolean keep, String rule) {
    this.wrongItemValue = value;
    this.keepWrongItem = keep;
    this.wrongItemRule = rule;
  }

  // ---- out-of-stock ------------------------------------------------------------------------

  /**
   * A case for an order line that cannot ship: no channel request behind it, so the order line key
   * stands in for the channel's request id and keeps one case per line.
   */
  public static AfterSalesCase shortageReported(String channel, Shortage shortage, String description,
      OrderFacts order, Instant now) {
    AfterSalesCase c = open(CaseType.OUT_OF_STOCK, channel, shortage.orderLineKey(), shortage.orderId(),
        Reason.OUT_OF_STOCK, description, null,
        List.of(ReturnLine.requested(shortage.sku(), shortage.quantity(), null)), List.of(), order, now);
    c.reason = Reason.OUT_OF_STOCK;
    return c;
  }

  // ---- exception orders --------------------------------------------------------------------

  /**
   * A case for an order the order platform cannot release: no channel request behind it, so
   * {@code channelRequestId} is the case's own id; {@link OrderException#openKey} keeps one open case per
   * order and exception type.
   */
  public static AfterSalesCase exceptionReported(String channel, OrderException exception, String description,
      OrderFacts order, Instant now) {
    String id = UUID.randomUUID().toString();
    AfterSalesCase c = open(CaseType.ORDER_EXCEPTION, channel, "exception:" + id, exception.orderId(), null,
        description, null, List.of(), List.of(), order, now);
    c.id = id;
    c.openingSnapshot = OrderSnapshot.taken(id, order.lines(), List.of());
    return c;
  }

  /**
   * Moves the case to a status; returns the previous one so the caller can record the change.
   *
   * @throws IllegalTransitionException for a move {@link CaseTransitions} does not allow; the case is unchanged
   */
  public CaseStatus moveTo(CaseStatus next, Instant now) {
    CaseStatus previous = this.status;
    if (!CaseTransitions.allowed(previous, next)) {
      throw new IllegalTransitionException(id, previous, next);
    }
    if (previous == next) {
      return previous;
    }
    this.status = next;
    this.updatedAt = now;
    // A late parcel reopens a closed case: it is no longer over.
    this.closedAt = next.isFinal() ? now : null;
    return previous;
  }

  public void touch(Instant now) {
    this.updatedAt = now;
  }

  // ---- read access ------------------------------------------------------------------------

  public String getId() { return id; }
  public Integer getVersion() { return version; }
  public CaseType getType() { return type; }
  public CaseStatus getStatus() { return status; }
  public String getChannel() { return channel; }
  public String getChannelRequestId() { return channelRequestId; }
  public String getOrderId() { return orderId; }
  public String getCustomerId() { return customerId; }
  public Instant getRequestedAt() { return requestedAt; }
  public Reason getStatedReason() { return statedReason; }
  public Reason getReason() { return reason; }
  public ReasonSource getReasonSource() { return reasonSource; }
  public BigDecimal getClassifierConfidence() { return classifierConfidence; }
  public String getQueue() { return queue; }
  public String getDescription() { return description; }
  public Boolean getUnopened() { return unopened; }
  public Eligibility getDecision() { return decision; }
  public String getDecisionRule() { return decisionRule; }
  public boolean isUrgent() { return urgent; }
  public boolean isEscalated() { return escalated; }
  public Instant getOrderPlacedAt() { return orderPlacedAt; }
  public Instant getOrderSignedAt() { return orderSignedAt; }
  public String getPromotion() { return promotion; }
  public String getPaymentId() { return paymentId; }
  public PaymentMethod getPaymentMethod() { return paymentMethod; }
  public String getInstallmentPlanId() { return installmentPlanId; }
  public boolean isFreightInsurance() { return freightInsurance; }
  public String getWarehouseId() { return warehouseId; }
  public String getCustomerTier() { return customerTier == null ? CUSTOMER_TIER_NORMAL : customerTier; }
  public Integer getWindowDays() { return windowDays; }
  public Boolean getPromotionWindow() { return promotionWindow; }
  public String getTrackingNumber() { return trackingNumber; }
  public String getLabelUrl() { return labelUrl; }
  public BigDecimal getFreightCost() { return freightCost; }
  public String getInsuranceClaimId() { return insuranceClaimId; }
  public BigDecimal getInsurancePayout() { return insurancePayout; }
  public BigDecimal getDeductionAmount() { return deductionAmount; }
  public String getDeductionReason() { return deductionReason; }
  public String getReplacementOrderId() { return replacementOrderId; }
  public String getOutboundOrderId() { return outboundOrderId; }
  public BigDecimal getPriceDifference() { return priceDifference; }
  public String getCustomerAnswer() { return customerAnswer; }
  public String getCustomerContactNotes() { return customerContactNotes; }
  public BigDecimal getWrongItemValue() { return wrongItemValue; }
  public Boolean getKeepWrongItem() { return keepWrongItem; }
  public String getWrongItemRule() { return wrongItemRule; }
  public Long getProcessInstanceKey() { return processInstanceKey; }
  public Instant getReceivedAt() { return receivedAt; }
  public List<UnexpectedItem> getUnexpectedItems() { return UnexpectedItem.parse(unexpectedItems); }
  public boolean isLateParcel() { return lateParcel; }
  public Instant getClosedAt() { return closedAt; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }
  public List<ReturnLine> getLines() { return Collections.unmodifiableList(lines); }

  /**
   * The order lines and evidence this case was opened with ({@link OrderSnapshot}), stored right after the case's
   * first save in its transaction ({@link OrderSnapshotStoring}); null for a case read from the store
   * ({@link OrderSnapshotRepository}).
   */
  public OrderSnapshot openingSnapshot() { return openingSnapshot; }

  /** The lines as the store holds them, to write only what changed; null when none are stored yet. */
  List<ReturnLine> storedLines() { return storedLines; }

  /** The lines as they are now are what the store holds (read, or just written). */
  void linesStored() { this.storedLines = List.copyOf(lines); }

  /** The lines the store holds for this case, read with it. */
  void linesRead(List<ReturnLine> read) {
    this.lines = new ArrayList<>(read);
    linesStored();
  }

  /**
   * A copy that shares nothing mutable with this case, for {@link CaseCache}: every field's value is immutable (a
   * string, a number, an instant, an enum; the stored lines an unmodifiable list of records, the stored row an array
   * that is replaced, never changed) but the list of lines, which the copy gets anew, and the opening snapshot, which
   * only a case being opened has ({@code AggregateCopyTest} fails when a field of another kind is added). A field by
   * field copy of the object ({@link Object#clone()}): a copy by reflection cost 4 % of the application's CPU in the
   * benchmark.
   */
  AfterSalesCase copy() {
    AfterSalesCase copy;
    try {
      copy = (AfterSalesCase) super.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("cannot copy case " + id, e);
    }
    copy.lines = new ArrayList<>(lines);
    copy.openingSnapshot = null;
    return copy;
  }

  /** The values of its row as the store holds them; null when it is not stored yet. */
  Object[] storedRow() { return storedRow; }

  /** These values of its row are what the store holds (read, or just written). */
  void rowStored(Object[] values) { this.storedRow = values; }

  /**
   * Its times and numbers as the store keeps them, before it is written ({@link CaseStorePrecision}): instants to
   * the millisecond ({@code TIMESTAMP(3)}), amounts to the cent ({@code DECIMAL(12,2)}), the classifier's confidence to
   * three places ({@code DECIMAL(4,3)}), so that the case a save leaves in memory, which {@link CaseCache} remembers, is
   * the case a load reads back, and the server stores exactly what it is sent (MariaDB would truncate the rest, MySQL
   * round it). Field by field: by reflection it cost a fifth of a save in the benchmark. {@code CaseStoreRoundTripTest}
   * sets every time and amount of the case by reflection and fails when one is left out here.
   */
  void toStoredPrecision() {
    requestedAt = millis(requestedAt);
    orderPlacedAt = millis(orderPlacedAt);
    orderSignedAt = millis(orderSignedAt);
    receivedAt = millis(receivedAt);
    closedAt = millis(closedAt);
    createdAt = millis(createdAt);
    updatedAt = millis(updatedAt);
    classifierConfidence = scaled(classifierConfidence, 3);
    freightCost = cents(freightCost);
    insurancePayout = cents(insurancePayout);
    deductionAmount = cents(deductionAmount);
    priceDifference = cents(priceDifference);
    wrongItemValue = cents(wrongItemValue);
  }

  private static Instant millis(Instant time) {
    return time == null ? null : time.truncatedTo(ChronoUnit.MILLIS);
  }

  private static BigDecimal cents(BigDecimal amount) {
    return scaled(amount, 2);
  }

  private static BigDecimal scaled(BigDecimal number, int scale) {
    return number == null || number.scale() == scale ? number : number.setScale(scale, RoundingMode.HALF_UP);
  }

  /**
   * The process instance the store holds for the case now: a remembered copy's may be older, since the instance is
   * linked without moving the case's version ({@link CaseRepository#linkProcessInstance}).
   */
  AfterSalesCase withProcessInstanceKey(Long key) {
    this.processInstanceKey = key;
    return this;
  }

  public boolean paidByInstallments() {
    return paymentMethod == PaymentMethod.HUABEI_INSTALLMENT;
  }

  /**
   * What a replacement, reship or substitute order sends for a line: the wanted variant of an
   * exchange, the substitute of a short line, else the ordered sku.
   */
  public String replacementSkuOf(ReturnLine line) {
    return type == CaseType.EXCHANGE || type == CaseType.OUT_OF_STOCK && line.exchangeSku() != null
        ? line.exchangeSku() : line.sku();
  }

  /** What the customer paid for the lines of this case (their share of each order line). */
  public BigDecimal paidForLines(OrderSnapshot order) {
    return order.paidFor(lines);
  }
}
