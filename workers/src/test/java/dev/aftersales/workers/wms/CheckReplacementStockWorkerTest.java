package dev.aftersales.workers.wms;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.aftersales.workers.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftersales.cases.AfterSalesCase;
import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.cases.CaseRepository;
import dev.aftersales.cases.ReturnLine;
import dev.aftersales.process.JobTypes;
import dev.aftersales.testsupport.IntegrationTest;
import dev.aftersales.workers.TestCases;
import dev.aftersales.workers.wms.CheckReplacementStockWorker.ShortVariant;
import dev.aftersales.workers.wms.CheckReplacementStockWorker.StockChecked;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The wanted variants in the after-sales warehouse: enough of each, or the date the customer is told. */
class CheckReplacementStockWorkerTest extends IntegrationTest {

  private static final ActivatedJob CHECK = job(JobTypes.CHECK_REPLACEMENT_STOCK, "ServiceTask_CheckReplacementStock");

  @Autowired CaseRepository cases;
  @Autowired CheckReplacementStockWorker check;
  @Autowired Clock clock;

  @BeforeEach
  void resetSandbox() {
    wireMock().resetAll();
  }

  @Test
  void enoughOfTheVariantInTheAftersalesWarehouseIsInStock() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-L").build());
    stock("DRESS-L", 3, null);

    assertThat(check.check(CHECK, c.getId())).isEqualTo(new StockChecked(true, null, List.of(), null));
    wireMock().verify(1, getRequestedFor(urlEqualTo("/wms/stock/DRESS-L?warehouseId=WH-AFTERSALES")));
  }

  @Test
  void tooFewIsOutOfStockWithTheLatestArrivalOfTheShortVariants() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-L")
        .lines(ReturnLine.requested("DRESS-M", 2, "DRESS-L"), ReturnLine.requested("SCARF", 1, "SCARF-RED")).build());
    stock("DRESS-L", 1, "2026-12-03");
    stock("SCARF-RED", 0, "2026-12-09");

    assertThat(check.check(CHECK, c.getId())).isEqualTo(new StockChecked(false, "2026-12-09",
        List.of(new ShortVariant("DRESS-L", 2, 1), new ShortVariant("SCARF-RED", 1, 0)),
        ChronoUnit.DAYS.between(LocalDate.ofInstant(clock.instant(), BusinessCalendar.ZONE), LocalDate.parse("2026-12-09"))));
  }

  @Test
  void aVariantTheWarehouseDoesNotCarryIsOutOfStockWithoutADate() {
    AfterSalesCase c = cases.save(TestCases.anExchange("DRESS-GOLD").build());
    wireMock().stubFor(get(urlEqualTo("/wms/stock/DRESS-GOLD?warehouseId=WH-AFTERSALES")).willReturn(notFound()));

    assertThat(check.check(CHECK, c.getId())).isEqualTo(new StockChecked(false, null, List.of(new ShortVariant("DRESS-GOLD", 1, 0)), null));
  }

  private static void stock(String sku, int available, String nextArrivalDate) {
    wireMock().stubFor(get(urlEqualTo("/wms/stock/" + sku + "?warehouseId=WH-AFTERSALES")).willReturn(okJson(
        "{\"sku\":\"%s\",\"available\":%d,\"nextArrivalDate\":%s}".formatted(sku, available,
            nextArrivalDate == null ? "null" : "\"" + nextArrivalDate + "\""))));
  }
}
