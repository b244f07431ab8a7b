package dev.aftersales.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.OrderSnapshot;
import dev.aftersales.cases.OrderSnapshotRepository;
import dev.aftersales.cases.PaymentMethod;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.testsupport.ApiTest;
import dev.aftersales.testsupport.OmsStubs;
import dev.aftersales.testsupport.SqlStatements;
import dev.aftersales.timeline.Timeline;
import dev.aftersales.timeline.TimelineEntry;
import dev.aftersales.timeline.TimelineKind;
import dev.aftersales.web.ApiPaths;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceCreationIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceCreationRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code POST /api/after-sales/requests} over HTTP with the real security chain, MariaDB, engine and a stubbed OMS. */
class IntakeApiTest extends ApiTest {

  private static final Instant SIGNED = Instant.now().minus(2, ChronoUnit.DAYS);

  @Autowired CaseRepository cases;
  @Autowired OrderSnapshotRepository snapshots;
  @Autowired Timeline timeline;
  @Autowired JdbcClient jdbc;
  @Autowired ProcessStarter processStarter;
  @Autowired TransactionTemplate transaction;

  @Test
  void opensCaseStoresItAndStartsTheReturnProcessWithOnlyIdsAndFacts() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "HUABEI_INSTALLMENT", true);

    Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(newId("R"), orderId));

    assertThat(answer.status()).isEqualTo(201);
    String caseId = answer.body().path("caseId").asText();
    assertThat(answer.body().path("status").asText()).isEqualTo("OPEN");
    assertThat(answer.headers().getLocation()).hasPath("/api/after-sales/cases/" + caseId);

    AfterSalesCase stored = cases.findById(caseId).orElseThrow();
    assertThat(stored.getType()).isEqualTo(CaseType.RETURN);
    assertThat(stored.getCustomerId()).isEqualTo("C-" + orderId);
    assertThat(stored.getOrderSignedAt()).isEqualTo(SIGNED.truncatedTo(ChronoUnit.MILLIS));
    assertThat(stored.getPaymentMethod()).isEqualTo(PaymentMethod.HUABEI_INSTALLMENT);
    OrderSnapshot order = snapshots.require(caseId);
    assertThat(order.getOrderLines()).extracting(l -> l.sku() + "×" + l.quantity() + "/" + l.barcode())
        .containsExactly("SKU-A×2/6900001", "SKU-B×1/null");
    assertThat(stored.getLines()).containsExactly(ReturnLine.requested("SKU-A", 1, null));
    assertThat(order.getEvidence()).extracting(e -> e.url()).containsExactly("https://img.example/1.jpg");
    assertThat(stored.getProcessInstanceKey()).isNotNull();

    List<TimelineEntry> entries = timeline.of(caseId);
    // The first entry; the live workers of the test application may already have added theirs.
    assertThat(entries).first().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(TimelineKind.STATUS);
      assertThat(e.summary()).isEqualTo("Case opened");
      assertThat(e.actor()).isEqualTo(TestUser.CHANNEL.username); // the authenticated user, not the body's channel
    });

    Record<ProcessInstanceCreationRecordValue> created = creationOf(caseId);
    assertThat(created.getValue().getBpmnProcessId()).isEqualTo(ProcessIds.RETURN_REQUEST);
    assertThat(created.getValue().getProcessInstanceKey()).isEqualTo(stored.getProcessInstanceKey());
    assertThat(created.getValue().getVariables()).isEqualTo(Map.of(
        "caseId", caseId, "orderId", orderId, "freightInsured", true, "paidByInstallments", true));
  }

  @Test
  void repeatedRequestAnswers200WithTheSameCaseAndStartsNothingNew() {
    String orderId = newId("O");
    String requestId = newId("R");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);

    Answer first = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(requestId, orderId));
    Answer again = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(requestId, orderId));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    String caseId = first.body().path("caseId").asText();
    assertThat(again.body().path("caseId").asText()).isEqualTo(caseId);
    assertThat(again.headers().getLocation()).isEqualTo(first.headers().getLocation());
    assertThat(casesWithRequestId(requestId)).isEqualTo(1);
    assertThat(creationsOf(caseId)).hasSize(1);
    assertThat(creationOf(caseId).getValue().getVariables())
        .containsEntry("freightInsured", false).containsEntry("paidByInstallments", false);
  }

  /**
   * A repeat is no longer looked up before OMS is asked (IntakeService): when OMS fails or no longer knows the order,
   * the channel's retry is still answered with the case its first delivery opened.
   */
  @Test
  void repeatedRequestIsAnsweredWithItsCaseWhileOmsFailsOrForgetsTheOrder() {
    String orderId = newId("O");
    String requestId = newId("R");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);
    Answer first = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(requestId, orderId));
    assertThat(first.status()).isEqualTo(201);
    String caseId = first.body().path("caseId").asText();

    OmsStubs.omsDown(orderId);
    Answer whileDown = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(requestId, orderId));
    OmsStubs.unknownOrder(orderId);
    Answer whenUnknown = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(requestId, orderId));
    Answer newRequestWhenUnknown = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(newId("R"), orderId));

    assertThat(whileDown.status()).as("while OMS fails: %s", whileDown.body()).isEqualTo(200);
    assertThat(whileDown.body().path("caseId").asText()).isEqualTo(caseId);
    assertThat(whenUnknown.status()).as("OMS no longer knows the order: %s", whenUnknown.body()).isEqualTo(200);
    assertThat(whenUnknown.body().path("caseId").asText()).isEqualTo(caseId);
    assertThat(newRequestWhenUnknown.status()).as("a new request is still checked").isEqualTo(422);
    assertThat(casesWithRequestId(requestId)).isEqualTo(1);
    assertThat(creationsOf(caseId)).hasSize(1);
  }

  @Test
  void concurrentDeliveriesOfOneRequestStoreOneCase() throws Exception {
    String orderId = newId("O");
    String requestId = newId("R");
    // OMS answers slowly, so both deliveries pass the duplicate lookup before either stores its case.
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false, Duration.ofMillis(1500));
    CyclicBarrier start = new CyclicBarrier(2);
    List<CompletableFuture<Answer>> deliveries = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      deliveries.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(requestId, orderId));
      }));
    }
    List<Answer> answers = new ArrayList<>();
    for (CompletableFuture<Answer> delivery : deliveries) {
      answers.add(delivery.get());
    }

    assertThat(answers).extracting(Answer::status).containsExactlyInAnyOrder(201, 200);
    assertThat(answers).extracting(a -> a.body().path("caseId").asText()).doesNotContain("").containsOnly(
        answers.getFirst().body().path("caseId").asText());
    assertThat(casesWithRequestId(requestId)).isEqualTo(1);
  }

  @Test
  void invalidRequestIs400NamingEveryBadFieldAndStoresNothing() {
    long before = caseCount();
    String description = "x".repeat(2001);

    Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":" ","orderId":null,"type":"REFUND","reason":"ANGRY","description":"%s",
         "lines":[{"sku":"","quantity":0},{"sku":"SKU-B"},null],
         "evidence":[{"url":"https://img.example/ok.jpg","kind":"PHOTO"},{"url":"ftp://img.example/1.jpg","kind":"AUDIO"}]}
        """.formatted(description));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(errorFields(answer)).containsExactlyInAnyOrder("channel", "channelRequestId", "orderId", "type", "reason",
        "description", "lines[0].sku", "lines[0].quantity", "lines[1].quantity", "lines[2]", "evidence[1].url",
        "evidence[1].kind");
    assertThat(answer.body().path("detail").asText()).contains("lines[0].quantity", "evidence[1].url", "type");
    assertThat(caseCount()).isEqualTo(before);
  }

  @Test
  void eachRuleIsReportedOnItsField() {
    long before = caseCount();
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);

    assertThat(errorFields(post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"EXCHANGE",
         "lines":[{"sku":"SKU-A","quantity":1,"exchangeSku":"SKU-A-XL"},{"sku":"SKU-B","quantity":1}]}"""
        .formatted(newId("R"), orderId)))).containsExactly("lines[1].exchangeSku");
    assertThat(errorFields(post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"WRONG_ITEM",
         "lines":[{"sku":"SKU-A","quantity":1,"receivedSku":"SKU-A"},{"sku":"SKU-B","quantity":1,"receivedSku":""}]}"""
        .formatted(newId("R"), orderId)))).containsExactly("lines[0].receivedSku");
    assertThat(errorFields(post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"MISSING_ITEM",
         "lines":[{"sku":"SKU-A","quantity":1,"receivedSku":"SOCKS"}]}"""
        .formatted(newId("R"), orderId)))).containsExactly("lines[0].receivedSku");
    assertThat(errorFields(post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN","lines":[]}"""
        .formatted(newId("R"), orderId)))).containsExactly("lines");
    assertThat(errorFields(post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN"}"""
        .formatted(newId("R"), orderId)))).containsExactly("lines");
    assertThat(errorFields(post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN",
         "lines":[{"sku":"SKU-A","quantity":1}],"evidence":[{"url":"img.example/1.jpg","kind":"PHOTO"}]}"""
        .formatted(newId("R"), orderId)))).containsExactly("evidence[0].url");
    assertThat(errorFields(post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN",
         "lines":[{"sku":"SKU-A","quantity":"two"}]}"""
        .formatted(newId("R"), orderId)))).containsExactly("lines[0].quantity");

    Answer malformed = post(TestUser.CHANNEL, ApiPaths.REQUESTS, "{\"channel\":\"TMALL\",");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).isEqualTo("application/problem+json");
    assertThat(malformed.body().path("detail").asText()).startsWith("The body is not valid JSON");

    assertThat(caseCount()).isEqualTo(before);
  }

  @Test
  void unknownOrderIs422AndStoresNothing() {
    long before = caseCount();
    String orderId = newId("O");
    OmsStubs.unknownOrder(orderId);

    Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(newId("R"), orderId));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(errorFields(answer)).containsExactly("orderId");
    assertThat(answer.body().path("detail").asText()).contains("unknown order " + orderId);
    assertThat(caseCount()).isEqualTo(before);
  }

  @Test
  void orderNotSignedForYetIs422() {
    long before = caseCount();
    String orderId = newId("O");
    OmsStubs.order(orderId, null, "ALIPAY", false);

    Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(newId("R"), orderId));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(errorFields(answer)).containsExactly("orderId");
    assertThat(answer.body().path("detail").asText()).contains("not been signed for");
    assertThat(caseCount()).isEqualTo(before);
  }

  @Test
  void linesMustBeInTheOrderAndNotExceedItsQuantities() {
    long before = caseCount();
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);

    Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN",
         "lines":[{"sku":"SKU-A","quantity":3},{"sku":"SKU-Z","quantity":1},{"sku":"SKU-B","quantity":1}]}"""
        .formatted(newId("R"), orderId));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(errorFields(answer)).containsExactly("lines[0].quantity", "lines[1].sku");
    assertThat(caseCount()).isEqualTo(before);
  }

  @Test
  void omsUnavailableIs503AndStoresNothing() {
    long before = caseCount();
    String orderId = newId("O");
    OmsStubs.omsDown(orderId);

    Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS, request(newId("R"), orderId));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.body().path("system").asText()).isEqualTo("oms");
    assertThat(caseCount()).isEqualTo(before);
  }

  @Test
  void exchangesStartTheExchangeProcessWithTheMoneyFacts() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "HUABEI_INSTALLMENT", true);

    Answer answer = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"EXCHANGE","reason":"NO_REASON",
         "unopened":true,"lines":[{"sku":"SKU-A","quantity":1,"exchangeSku":"SKU-A-XL"}]}"""
        .formatted(newId("R"), orderId));

    assertThat(answer.status()).isEqualTo(201);
    String caseId = answer.body().path("caseId").asText();
    AfterSalesCase stored = cases.findById(caseId).orElseThrow();
    assertThat(stored.getType()).isEqualTo(CaseType.EXCHANGE);
    assertThat(stored.getLines()).containsExactly(ReturnLine.requested("SKU-A", 1, "SKU-A-XL"));
    Record<ProcessInstanceCreationRecordValue> created = creationOf(caseId);
    assertThat(created.getValue().getBpmnProcessId()).isEqualTo(ProcessIds.EXCHANGE_REQUEST);
    assertThat(created.getValue().getProcessInstanceKey()).isEqualTo(stored.getProcessInstanceKey());
    assertThat(created.getValue().getVariables()).isEqualTo(Map.of(
        "caseId", caseId, "orderId", orderId, "freightInsured", true, "paidByInstallments", true));
  }

  @Test
  void wrongAndMissingItemsStartTheMisSentProcessWithTheKindOfMistakeAndTheEvidenceFlag() {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);

    Answer wrong = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"WRONG_ITEM","description":"got socks",
         "lines":[{"sku":"SKU-A","quantity":1,"receivedSku":"SOCKS-RED"}],
         "evidence":[{"url":"https://img.example/socks.jpg","kind":"PHOTO"}]}""".formatted(newId("R"), orderId));
    Answer missing = post(TestUser.CHANNEL, ApiPaths.REQUESTS, """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"MISSING_ITEM",
         "lines":[{"sku":"SKU-B","quantity":1}]}""".formatted(newId("R"), orderId));

    assertThat(wrong.status()).isEqualTo(201);
    assertThat(missing.status()).isEqualTo(201);
    String wrongCase = wrong.body().path("caseId").asText();
    String missingCase = missing.body().path("caseId").asText();
    assertThat(cases.findById(wrongCase).orElseThrow().getLines())
        .containsExactly(ReturnLine.requested("SKU-A", 1, null, "SOCKS-RED"));
    assertThat(creationOf(wrongCase).getValue().getBpmnProcessId()).isEqualTo(ProcessIds.MIS_SENT_ITEM);
    Map<String, Object> wrongStart = creationOf(wrongCase).getValue().getVariables();
    assertThat(wrongStart).containsOnlyKeys("caseId", "orderId", "caseType", "evidenceProvided", "caseFacts",
        "paidByInstallments")
        .containsEntry("caseId", wrongCase).containsEntry("orderId", orderId)
        .containsEntry("caseType", "WRONG_ITEM").containsEntry("evidenceProvided", true);
    // the claim review may come before any worker: the agent's form needs the facts from the start
    assertThat(wrongStart.get("caseFacts").toString()).contains("WRONG_ITEM", "got socks", "SKU-A", "socks.jpg");
    assertThat(creationOf(missingCase).getValue().getBpmnProcessId()).isEqualTo(ProcessIds.MIS_SENT_ITEM);
    assertThat(creationOf(missingCase).getValue().getVariables())
        .containsEntry("caseId", missingCase).containsEntry("caseType", "MISSING_ITEM")
        .containsEntry("evidenceProvided", false).containsKey("caseFacts");
  }

  @Test
  void onlyChannelsOpenCases() {
    long before = caseCount();
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);
    String body = request(newId("R"), orderId);

    Answer auditor = post(TestUser.AUDITOR, ApiPaths.REQUESTS, body);
    Answer warehouse = post(TestUser.WAREHOUSE, ApiPaths.REQUESTS, body);
    Answer anonymous = call(null, HttpMethod.POST, ApiPaths.REQUESTS, body);

    assertThat(auditor.status()).isEqualTo(403);
    assertThat(auditor.contentType()).isEqualTo("application/problem+json");
    assertThat(auditor.body().path("detail").asText()).contains("test-auditor");
    assertThat(warehouse.status()).isEqualTo(403);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
    assertThat(anonymous.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    assertThat(caseCount()).isEqualTo(before);
  }

  @Test
  void theChannelIsAnsweredAfterTheCommitAndTheOutboxStartsTheProcessUnderTheCaseLock() throws Exception {
    String orderId = newId("O");
    OmsStubs.order(orderId, SIGNED, "ALIPAY", false);
    List<SqlStatements.Executed> statements = new CopyOnWriteArrayList<>();
    Answer answer;
    try (AutoCloseable listening = SqlStatements.listen(statements::add)) {
      answer = call(TestUser.CHANNEL, HttpMethod.POST, ApiPaths.REQUESTS, request(newId("R"), orderId));
      assertThat(answer.status()).isEqualTo(201);
      awaitProcessStarted(answer.body().path("caseId").asText());
    }
    String caseId = answer.body().path("caseId").asText();

    // the request's thread stored the case; the start (the case's row lock, then its key) ran on the starter's own
    List<SqlStatements.Executed> ofCase = statements.stream().filter(st -> st.mentions(Set.of(caseId))).toList();
    assertThat(ofCase).filteredOn(st -> st.sql().startsWith("INSERT INTO `after_sales_case`"))
        .singleElement().satisfies(st -> assertThat(st.thread().getName()).startsWith("http-nio-"));
    assertThat(ofCase).filteredOn(st -> st.sql().contains("FOR UPDATE SKIP LOCKED"))
        .singleElement().satisfies(st -> assertThat(st.thread().getName()).startsWith("process-start-"));
    assertThat(creationsOf(caseId)).hasSize(1);
  }

  @Test
  void aStoredCaseWhoseProcessDidNotStartIsStartedByTheRetry() {
    // As left by a start that failed (engine down) or an app stopped between commit and start. Dated long ago
    // so that this retry run picks it and no case of another test.
    Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
    AfterSalesCase stranded = AfterSalesCase.open(CaseType.RETURN, "JD", newId("R"), newId("O"), null, null, true,
        List.of(ReturnLine.requested("SKU-A", 1, null)), List.of(),
        new AfterSalesCase.OrderFacts("C-1", longAgo, longAgo, null, "PAY-1", PaymentMethod.CARD, null, true,
            "WH-SH", List.of()),
        longAgo);
    cases.save(stranded);

    processStarter.startCreatedBefore(longAgo.plus(1, ChronoUnit.DAYS));

    assertThat(cases.findById(stranded.getId()).orElseThrow().getProcessInstanceKey()).isNotNull();
    assertThat(creationOf(stranded.getId()).getValue().getVariables()).isEqualTo(Map.of(
        "caseId", stranded.getId(), "orderId", stranded.getOrderId(), "freightInsured", true,
        "paidByInstallments", false));
  }

  @Test
  void aCaseAnotherInstanceIsStartingIsLeftToIt() throws Exception {
    Instant longAgo = Instant.parse("2001-01-02T00:00:00Z");
    AfterSalesCase stranded = AfterSalesCase.open(CaseType.RETURN, "JD", newId("R"), newId("O"), null, null, true,
        List.of(ReturnLine.requested("SKU-A", 1, null)), List.of(),
        new AfterSalesCase.OrderFacts("C-2", longAgo, longAgo, null, "PAY-2", PaymentMethod.CARD, null, false,
            "WH-SH", List.of()),
        longAgo);
    cases.save(stranded);
    Instant before = longAgo.plus(1, ChronoUnit.DAYS);

    // another instance of the application holds the case's row: it is starting the process right now
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> otherInstance = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s -> {
      assertThat(cases.lockIfNotStarted(stranded.getId())).contains(stranded.getId());
      locked.countDown();
      await(release);
    }));
    await(locked);
    processStarter.startCreatedBefore(before);
    assertThat(cases.require(stranded.getId()).getProcessInstanceKey()).as("skipped while locked").isNull();
    release.countDown();
    otherInstance.get();

    processStarter.startCreatedBefore(before);
    processStarter.startCreatedBefore(before);
    assertThat(cases.require(stranded.getId()).getProcessInstanceKey()).isNotNull();
    assertThat(creationsOf(stranded.getId())).hasSize(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static String request(String channelRequestId, String orderId) {
    return """
        {"channel":"TMALL","channelRequestId":"%s","orderId":"%s","type":"RETURN","reason":"NO_REASON",
         "description":"Too small","unopened":true,"lines":[{"sku":"SKU-A","quantity":1}],
         "evidence":[{"url":"https://img.example/1.jpg","kind":"PHOTO"}]}""".formatted(channelRequestId, orderId);
  }

  private static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private long caseCount() {
    return jdbc.sql("SELECT COUNT(*) FROM after_sales_case").query(Long.class).single();
  }

  private long casesWithRequestId(String channelRequestId) {
    return jdbc.sql("SELECT COUNT(*) FROM after_sales_case WHERE channel_request_id = :id")
        .param("id", channelRequestId).query(Long.class).single();
  }

  private static List<Record<ProcessInstanceCreationRecordValue>> creationsOf(String caseId) {
    List<Record<ProcessInstanceCreationRecordValue>> records = engineRecords(ValueType.PROCESS_INSTANCE_CREATION);
    return records.stream()
        .filter(r -> r.getIntent() == ProcessInstanceCreationIntent.CREATED)
        .filter(r -> caseId.equals(r.getValue().getVariables().get("caseId")))
        .toList();
  }

  private static Record<ProcessInstanceCreationRecordValue> creationOf(String caseId) {
    List<Record<ProcessInstanceCreationRecordValue>> created = creationsOf(caseId);
    assertThat(created).as("process instances created for case %s", caseId).hasSize(1);
    return created.getFirst();
  }
}
