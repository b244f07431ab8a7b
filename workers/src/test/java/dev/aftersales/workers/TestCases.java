package dev.aftersales.workers;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.AfterSalesCase.OrderFacts;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.Evidence;
import dev.aftersales.cases.Grade;
import dev.aftersales.cases.OrderLine;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.cases.Reason;
import dev.aftersales.cases.ReasonSource;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.cases.Shortage;
import dev.aftersales.cases.ShortageRepository;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Cases as intake stores them: returns by default, exchanges and mis-sent items on request. Every case has its own customer and channel request id, so
 * cases of earlier runs in the same database never count as this customer's returns.
 */
public final class TestCases {

  /** Two dresses paid 358.00 together, a 39.00 gift scarf. */
  public static final List<OrderLine> DRESS_ORDER = List.of(
      new OrderLine("DRESS-M", "Silk dress", 2, new BigDecimal("199.00"), new BigDecimal("358.00"), false, "6901234"),
      new OrderLine("SCARF", "Gift scarf", 1, new BigDecimal("39.00"), new BigDecimal("0.00"), true, null));

  /** A dress and a tea gift box: a bundle of a teapot and two cups (TEA-CUP), which can lack a component. */
  public static final List<OrderLine> BUNDLE_ORDER = List.of(
      new OrderLine("DRESS-M", "Silk dress", 2, new BigDecimal("199.00"), new BigDecimal("358.00"), false, "6901234"),
      new OrderLine("TEA-BOX", "Tea gift box", 1, new BigDecimal("268.00"), new BigDecimal("248.00"), false, null));

  private CaseType type = CaseType.RETURN;
  private Reason statedReason = Reason.NO_REASON;
  private String description = "不想要了";
  private Boolean unopened = true;
  private Duration sinceDelivery = Duration.ofDays(3);
  private String promotion;
  private PaymentMethod paymentMethod = PaymentMethod.ALIPAY;
  private boolean freightInsurance;
  private List<ReturnLine> lines = List.of(ReturnLine.requested("DRESS-M", 1, null));
  private final List<Evidence> evidence = new ArrayList<>();
  private String orderId;
  private String customerId;
  private String channel = "TMALL";
  private String customerTier;

  private TestCases() {}

  public static TestCases aReturn() {
    return new TestCases();
  }

  /** One dress exchanged for {@code variantSku}. */
  public static TestCases anExchange(String variantSku) {
    TestCases exchange = new TestCases();
    exchange.type = CaseType.EXCHANGE;
    exchange.lines = List.of(ReturnLine.requested("DRESS-M", 1, variantSku));
    return exchange;
  }

  /** One dress ordered, {@code receivedSku} (null: not known) arrived instead. */
  public static TestCases aWrongItem(String receivedSku) {
    TestCases wrong = new TestCases();
    wrong.type = CaseType.WRONG_ITEM;
    wrong.statedReason = null;
    wrong.unopened = null;
    wrong.lines = List.of(ReturnLine.requested("DRESS-M", 1, null, receivedSku));
    return wrong;
  }

  /** One dress ordered and missing from the parcel. */
  public static TestCases aMissingItem() {
    TestCases missing = new TestCases();
    missing.type = CaseType.MISSING_ITEM;
    missing.statedReason = null;
    missing.unopened = null;
    return missing;
  }

  /**
   * An order that cannot ship {@code quantity} × {@code sku} from warehouse WH-SH-01; with a
   * {@code bundleSku}, the component {@code sku} is missing from that many bundles.
   */
  public static ShortCase aShortage(String sku, int quantity, String bundleSku) {
    Instant now = Instant.now();
    String orderId = "O-" + UUID.randomUUID();
    OrderFacts order = new OrderFacts("C-" + UUID.randomUUID(), now.minus(Duration.ofHours(5)), null, null,
        "PAY-" + UUID.randomUUID(), PaymentMethod.ALIPAY, null, false, "WH-SH-01", BUNDLE_ORDER);
    Shortage shortage = Shortage.reported(orderId, sku, bundleSku, quantity, "WH-SH-01", now);
    AfterSalesCase opened = AfterSalesCase.shortageReported("TMALL", shortage, quantity + " × " + sku + " cannot ship",
        order, now);
    return new ShortCase(opened, shortage.of(opened));
  }

  /** An OUT_OF_STOCK case with its backorder (an aggregate of its own), stored together as the opening path does. */
  public record ShortCase(AfterSalesCase aCase, Shortage shortage) {

    public ShortCase withShortage(UnaryOperator<Shortage> change) {
      return new ShortCase(aCase, change.apply(shortage));
    }

    /** @return the case as stored */
    public AfterSalesCase store(CaseRepository cases, ShortageRepository shortages) {
      AfterSalesCase stored = cases.save(aCase);
      shortages.save(shortage);
      return stored;
    }
  }

  public TestCases statedReason(Reason reason) {
    this.statedReason = reason;
    return this;
  }

  public TestCases description(String text) {
    this.description = text;
    return this;
  }

  public TestCases unopened(Boolean value) {
    this.unopened = value;
    return this;
  }

  public TestCases deliveredAgo(Duration duration) {
    this.sinceDelivery = duration;
    return this;
  }

  public TestCases promotion(String name) {
    this.promotion = name;
    return this;
  }

  public TestCases paidWith(PaymentMethod method) {
    this.paymentMethod = method;
    return this;
  }

  public TestCases freightInsured() {
    this.freightInsurance = true;
    return this;
  }

  public TestCases lines(ReturnLine... returned) {
    this.lines = List.of(returned);
    return this;
  }

  /** A case of this customer (by default every case has a customer of its own). */
  public TestCases ofCustomer(String id) {
    this.customerId = id;
    return this;
  }

  /** Another case of the same order (by default every case has its own order). */
  public TestCases onChannel(String name) {
    this.channel = name;
    return this;
  }

  /** OMS {@code customerTier} (NORMAL, VIP1–VIP3); unset: OMS does not say. */
  public TestCases ofTier(String tier) {
    this.customerTier = tier;
    return this;
  }

  public TestCases onOrder(String id) {
    this.orderId = id;
    return this;
  }

  public TestCases evidence(Evidence item) {
    evidence.add(item);
    return this;
  }

  /** The case after its label was created and the parcel arrived with every item scanned as NEW. */
  public AfterSalesCase buildReceived(Reason reason) {
    AfterSalesCase c = build();
    c.classified(reason, ReasonSource.CHANNEL, null, "warehouse-team");
    c.labelCreated("SF" + c.getId().substring(0, 8), "https://labels.example/" + c.getId() + ".pdf");
    c.parcelReceived(c.getLines().stream().map(l -> l.received("6901234", Grade.NEW)).toList(), Instant.now());
    return c;
  }

  public AfterSalesCase build() {
    Instant now = Instant.now();
    String customer = customerId != null ? customerId : "C-" + UUID.randomUUID();
    OrderFacts order = new OrderFacts(customer, now.minus(sinceDelivery).minus(Duration.ofDays(2)),
        now.minus(sinceDelivery), promotion, "PAY-" + UUID.randomUUID(), paymentMethod,
        paymentMethod == PaymentMethod.HUABEI_INSTALLMENT ? "PLAN-" + UUID.randomUUID() : null,
        freightInsurance, "WH-SH-01", DRESS_ORDER, customerTier);
    return AfterSalesCase.open(type, channel, "REQ-" + UUID.randomUUID(),
        orderId != null ? orderId : "O-" + UUID.randomUUID(),
        statedReason, description, unopened, lines, evidence, order, now);
  }
}
