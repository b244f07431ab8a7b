package dev.aftersales.web;

/** Paths of the REST API, shared by the controllers, the security rules and the Location headers. */
public final class ApiPaths {

  public static final String REQUESTS = "/api/after-sales/requests";
  public static final String CASES = "/api/after-sales/cases";
  public static final String CASE = CASES + "/{caseId}";
  public static final String CASE_TIMELINE = CASE + "/timeline";
  public static final String CASE_DECISIONS = CASE + "/decisions";
  public static final String CASE_PATH = CASE + "/path";
  public static final String DIFFERENCE_PAYMENTS = CASE + "/difference-payments";
  public static final String RECEIPTS = "/api/warehouse/receipts";
  public static final String SHORTAGES = "/api/orders/{orderId}/shortages";
  public static final String ORDER_EXCEPTIONS = "/api/orders/{orderId}/exceptions";
  /** A channel reports that the customer paid an order whose payment had failed (exception orders). */
  public static final String ORDER_PAYMENTS = CASE + "/order-payments";
  public static final String STOCK_ARRIVALS = "/api/stock/arrivals";
  public static final String KPIS = "/api/reports/kpis";
  public static final String KPI_SERIES = KPIS + "/series";
  public static final String WHAT_IF = "/api/decisions/{decisionId}/what-if";
  public static final String MODELS = "/api/models";
  public static final String MODEL_PROCESS = MODELS + "/processes/{bpmnProcessId}";
  public static final String MODEL_DECISION = MODELS + "/decisions/{decisionId}";
  public static final String MODEL_FORM = MODELS + "/forms/{formId}";
  public static final String TASKS = "/api/tasks";
  /** The web console's pages (static files of the jar, dev.aftersales.console). */
  public static final String CONSOLE = "/console";
  public static final String TASK = TASKS + "/{taskKey}";
  public static final String TASK_ASSIGNMENT = TASKS + "/{taskKey}/assignment";
  public static final String TASK_COMPLETION = TASKS + "/{taskKey}/completion";

  private ApiPaths() {}
}
