package dev.aftersales.process;

/** Ids of the deployed processes and decisions; the BPMN/DMN file names are the same. */
public final class ProcessIds {

  public static final String RETURN_REQUEST = "return-request";
  public static final String RETURN_GOODS = "return-goods";
  public static final String EXCHANGE_REQUEST = "exchange-request";
  public static final String MIS_SENT_ITEM = "mis-sent-item";
  public static final String OUT_OF_STOCK = "out-of-stock";
  public static final String LATE_PARCEL = "late-parcel";
  public static final String ORDER_EXCEPTION = "order-exception";
  /** Finance refunds by hand a late payment whose refund the payment provider declined. */
  public static final String LATE_PAYMENT_REFUND = "late-payment-refund";

  public static final String RETURN_ELIGIBILITY = "return-eligibility";
  /** Required by {@link #RETURN_ELIGIBILITY} in the same DRD: return window and promotion flag. */
  public static final String RETURN_WINDOW = "return-window";
  public static final String RETURN_DISPOSITION = "return-disposition";
  public static final String REASON_CLASSIFICATION = "reason-classification";

  public static final String WRONG_ITEM_HANDLING = "wrong-item-handling";
  public static final String SHORTAGE_HANDLING = "shortage-handling";
  /** What the customer is offered when the item to ship after a claim is out of stock (wait limit). */
  public static final String REPLACEMENT_OPTIONS = "replacement-options";
  public static final String FREIGHT_RESPONSIBILITY = "freight-responsibility";
  public static final String EXCEPTION_HANDLING = "exception-handling";
  /** Priority, SLA and escalation groups of every human task (docs/task-priority.md). */
  public static final String TASK_PRIORITY = "task-priority";

  private ProcessIds() {}
}
