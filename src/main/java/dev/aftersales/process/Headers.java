package dev.aftersales.process;

/** Custom task headers that parameterise a shared worker from the model. */
public final class Headers {

  /** {@code notify-customer}: the notification template. */
  public static final String TEMPLATE = "template";
  /** {@code close-case}: the final case status. */
  public static final String STATUS = "status";
  /** {@code escalate-overdue-task} and the {@code record-…} steps after a user task: which human task (= form id). */
  public static final String TASK = "task";
  /** Every user task, read by its {@code prioritize-task} listener: the task kind the decision task-priority matches. */
  public static final String TASK_KIND = "taskKind";

  /** {@code calculate-refund}: what the refund is for (default: the returned goods). */
  public static final String PURPOSE = "purpose";
  /** {@code create-replacement-order}: REPLACEMENT (exchange) or RESHIP (mis-sent item). */
  public static final String ORDER_TYPE = "orderType";
  /** {@code create-return-label}: FREE when the merchant pays the return shipping. */
  public static final String LABEL_TYPE = "labelType";

  /** settle-picking-error: UPHELD or REJECTED, the outcome of the dispute review. */
  public static final String OUTCOME = "outcome";

  private Headers() {}
}
