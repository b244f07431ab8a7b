package dev.aftersales.workers.oms;

import dev.aftersales.integration.oms.OmsClient;
import dev.aftersales.integration.oms.OmsClient.Product;
import dev.aftersales.workers.StepJournal;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The current unit price of a product as OMS has it, asked and recorded; empty when OMS does not know the sku. */
@Component
public class ProductPrices {

  private final OmsClient oms;
  private final StepJournal journal;

  public ProductPrices(OmsClient oms, StepJournal journal) {
    this.oms = oms;
    this.journal = journal;
  }

  public Optional<BigDecimal> of(ActivatedJob job, String caseId, String sku) {
    return journal.call(job, caseId, OmsClient.PRODUCT, Map.of("sku", sku), () -> oms.findProduct(sku))
        .map(Product::unitPrice);
  }
}
