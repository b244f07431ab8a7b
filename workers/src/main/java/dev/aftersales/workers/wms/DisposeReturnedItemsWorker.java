package dev.aftersales.workers.wms;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.Disposition;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.integration.IdempotencyKeys;
import dev.aftersales.integration.wms.WmsClient;
import dev.aftersales.integration.wms.WmsClient.StockDisposition;
import dev.aftersales.process.JobTypes;
import dev.aftersales.process.ProcessIds;
import dev.aftersales.workers.EngineDecisions;
import dev.aftersales.workers.StepJournal;
import dev.aftersales.workers.decision.DecisionContext;
import dev.aftersales.workers.decision.DecisionFacts;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sends each graded item where DMN {@code return-disposition} says: sellable stock, second-hand
 * zone at a discount, or scrap — the goods that came back, so a wrong item is restocked as the sku it
 * is, not the one ordered. Each line is saved as disposed right after its call, so a retry
 * after a failure on line 3 does not dispose lines 1 and 2 again. The decision is evaluated here, per item
 * ({@code item.sku}, {@code item.grade}, with the case's {@code facts}), in the version deployed with the process.
 */
@Component
public class DisposeReturnedItemsWorker {

  private final CaseRepository cases;
  private final WmsClient wms;
  private final EngineDecisions decisions;
  private final StepJournal journal;
  private final DecisionContext context;

  public DisposeReturnedItemsWorker(CaseRepository cases, WmsClient wms, EngineDecisions decisions, StepJournal journal,
      DecisionContext context) {
    this.cases = cases;
    this.wms = wms;
    this.decisions = decisions;
    this.journal = journal;
    this.context = context;
  }

  @JobWorker(type = JobTypes.DISPOSE_RETURNED_ITEMS)
  public void dispose(ActivatedJob job, @Variable String caseId) {
    AfterSalesCase c = cases.require(caseId);
    DecisionFacts facts = null;
    for (int lineNo = 0; lineNo < c.getLines().size(); lineNo++) {
      ReturnLine line = c.getLines().get(lineNo);
      if (line.disposition() != null || line.grade() == null) {
        continue; // already disposed, or not received: nothing to put anywhere
      }
      if (facts == null) {
        facts = context.of(job, c, null, null, null);
      }
      Map<String, Object> item = Map.of("sku", line.returnedSku(), "grade", line.grade().name());
      Map<String, Object> outcome = decisions
          .evaluate(job, caseId, ProcessIds.RETURN_DISPOSITION, Map.of(DecisionContext.FACTS, facts, "item", item),
              "the item waits for a table with a row for its grade")
          .requireResult().output();
      Disposition disposition = Disposition.valueOf((String) outcome.get("disposition"));
      int discountPercent = ((Number) outcome.get("discountPercent")).intValue();
      // line_no of the stored line: the same key however often the job is retried
      StockDisposition request = new StockDisposition(line.returnedSku(), line.quantity(), disposition, discountPercent,
          caseId, IdempotencyKeys.of(caseId, "disposition", lineNo));
      journal.call(job, caseId, WmsClient.STOCK_DISPOSITIONS, request, () -> wms.dispose(request));
      c.updateLine(lineNo, l -> l.disposed(disposition, discountPercent));
      cases.save(c);
    }
  }
}
