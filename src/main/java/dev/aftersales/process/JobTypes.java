package dev.aftersales.process;

/**
 * Every job type of every model, in one place: the workers subscribe with these constants and the
 * process tests complete jobs with them, so a renamed task type breaks the build, not production.
 */
public final class JobTypes {

  /**
   * The start listener of every business rule task: the documented decision context ({@code facts}) that
   * every decision reads (docs/decisions.md). The engine then evaluates the decision bound to the deployment.
   */
  public static final String GATHER_DECISION_FACTS = "gather-decision-facts";
  /** End listeners of the business rule tasks: the evaluation goes to the timeline and its outcome to the case. */
  public static final String RECORD_REASON_CLASSIFICATION = "record-reason-classification";
  public static final String RECORD_RETURN_ELIGIBILITY = "record-return-eligibility";
  public static final String ISSUE_COMPENSATION_COUPON = "issue-compensation-coupon";
  public static final String NOTIFY_CUSTOMER = "notify-customer";
  /** One step per form records what the agent decided on it (the step right after the user task). */
  public static final String RECORD_EVIDENCE_REVIEW = "record-evidence-review";
  public static final String RECORD_BARCODE_MISMATCH = "record-barcode-mismatch";
  public static final String RECORD_REFUND_DEDUCTION = "record-refund-deduction";
  public static final String RECORD_MANUAL_REFUND = "record-manual-refund";
  /** The same form for a late payment whose refund the provider declined (late-payment-refund.bpmn). */
  public static final String RECORD_MANUAL_LATE_REFUND = "record-manual-late-refund";
  public static final String RECORD_CUSTOMER_ANSWER = "record-customer-answer";
  /** The completing listener of every user task: notes who completed it and when. */
  public static final String NOTE_TASK_COMPLETION = "note-task-completion";
  /** Start execution listener of every user task: its priority, due date and escalation timer (task-priority). */
  public static final String PRIORITIZE_TASK = "prioritize-task";
  public static final String ESCALATE_OVERDUE_TASK = "escalate-overdue-task";
  public static final String CREATE_RETURN_LABEL = "create-return-label";
  public static final String ANNOUNCE_RETURN_TO_WAREHOUSE = "announce-return-to-warehouse";
  public static final String INSPECT_RETURNED_ITEMS = "inspect-returned-items";
  public static final String DISPOSE_RETURNED_ITEMS = "dispose-returned-items";
  public static final String CLAIM_FREIGHT_INSURANCE = "claim-freight-insurance";
  public static final String CALCULATE_REFUND = "calculate-refund";
  public static final String REFUND_PAYMENT = "refund-payment";
  public static final String REVERSE_INSTALLMENT_PLAN = "reverse-installment-plan";
  public static final String CLOSE_CASE = "close-case";
  /** Execution listener of each case process's start event: binds the case to its one instance. */
  public static final String BIND_PROCESS_INSTANCE = "bind-process-instance";
  public static final String RECORD_LATE_PARCEL_DECISION = "record-late-parcel-decision";
  public static final String SEND_PARCEL_BACK = "send-parcel-back";

  public static final String CHECK_REPLACEMENT_STOCK = "check-replacement-stock";
  public static final String SETTLE_EXCHANGE_PRICE = "settle-exchange-price";
  public static final String REQUEST_DIFFERENCE_PAYMENT = "request-difference-payment";
  public static final String CANCEL_PAYMENT_REQUEST = "cancel-payment-request";
  public static final String CREATE_REPLACEMENT_ORDER = "create-replacement-order";
  public static final String SHIP_FROM_AFTERSALES_WAREHOUSE = "ship-from-aftersales-warehouse";
  public static final String RECORD_PICKING_ERROR = "record-picking-error";
  public static final String CHECK_PACKED_SHIPMENT = "check-packed-shipment";
  public static final String SETTLE_PICKING_ERROR = "settle-picking-error";
  public static final String CORRECT_STOCK = "correct-stock";
  public static final String RECORD_WRONG_ITEM_HANDLING = "record-wrong-item-handling";
  public static final String RECORD_REPLACEMENT_OPTIONS = "record-replacement-options";

  public static final String CHECK_NEXT_ARRIVAL = "check-next-arrival";
  public static final String RECORD_SHORTAGE_HANDLING = "record-shortage-handling";
  public static final String QUEUE_BACKORDER = "queue-backorder";
  public static final String SHIP_BACKORDER = "ship-backorder";
  public static final String CANCEL_ORDER_LINE = "cancel-order-line";

  public static final String HOLD_ORDER = "hold-order";
  public static final String RECORD_EXCEPTION_HANDLING = "record-exception-handling";
  public static final String COMPLETE_ADDRESS = "complete-address";
  public static final String CHECK_CUSTOMER_RISK = "check-customer-risk";
  public static final String SWITCH_CARRIER = "switch-carrier";
  public static final String REQUEST_ORDER_PAYMENT = "request-order-payment";
  public static final String RECORD_EXCEPTION_REVIEW = "record-exception-review";
  public static final String RELEASE_ORDER = "release-order";
  public static final String CANCEL_ORDER = "cancel-order";
  /** An exception order not resolved within the SLA of {@code exception-handling}: supervisors are told. */
  public static final String ESCALATE_OVERDUE_EXCEPTION = "escalate-overdue-exception";

  private JobTypes() {}
}
