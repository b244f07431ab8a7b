package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.StockCorrection;
import dev.aftersales.process.JobTypes;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Puts the shipping warehouse's books right after a mis-sent item: the ordered sku never left, so it
 * has that many more; for a wrong item, the sku sent by mistake did leave, so it has that many fewer.
 * Each line is marked corrected after its calls, so a retry does not correct lines already done.
 */
@Component
public class CorrectStockWorker {

  static final String NOT_SHIPPED = "MIS_SENT_NOT_SHIPPED";
  static final String SHIPPED_BY_MISTAKE = "MIS_SENT_SHIPPED_BY_MISTAKE";

  private final CaseRepository cases;
  private final WmsClient wms;
  private final StepJournal journal;
  private final Clock clock;

  public CorrectStockWorker(CaseRepository cases, WmsClient wms, StepJournal journal, Clock clock) {
    this.cases = cases;
    this.wms = wms;
    this.journal = journal;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.CORRECT_STOCK)
  public void correct(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    for (int lineNo = 0; lineNo < c.getLines().size(); lineNo++) {
      ReturnLine line = c.getLines().get(lineNo);
      if (line.stockCorrected()) {
        continue;
      }
      send(job, c, lineNo, line.sku(), line.quantity(), NOT_SHIPPED);
      if (c.getType() == CaseType.WRONG_ITEM && line.receivedSku() != null) {
        send(job, c, lineNo, line.receivedSku(), -line.quantity(), SHIPPED_BY_MISTAKE);
      }
      c.updateLine(lineNo, ReturnLine::stockCorrectedNow);
      c.touch(clock.instant());
      cases.save(c);
    }
  }

  /** The key names line and sku: a retry after the first of a line's two calls sends that one with its own key. */
  private void send(ActivatedJob job, AfterSalesCase c, int lineNo, String sku, int delta, String reason) {
    StockCorrection correction = new StockCorrection(c.getWarehouseId(), sku, delta, reason, c.getId(),
        IdempotencyKeys.of(c.getId(), "stock-correction", lineNo + ":" + sku));
    journal.call(job, c.getId(), WmsClient.STOCK_CORRECTIONS, correction, () -> wms.correctStock(correction));
  }
}
