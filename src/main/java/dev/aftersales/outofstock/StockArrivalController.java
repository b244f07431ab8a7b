package dev.aftersales.outofstock;

import dev.aftersales.web.ApiPaths;
import jakarta.validation.Valid;
import java.security.Principal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The warehouse reports stock that arrived; the answer says which backorders it woke. The same
 * (warehouseId, arrivalId) sent again answers the first outcome and allocates nothing more.
 */
@RestController
class StockArrivalController {

  private final StockArrivalService arrivals;

  StockArrivalController(StockArrivalService arrivals) {
    this.arrivals = arrivals;
  }

  @PostMapping(ApiPaths.STOCK_ARRIVALS)
  StockArrivalService.Outcome arrived(@Valid @RequestBody StockArrival arrival, Principal user) {
    return arrivals.arrived(arrival, user.getName());
  }
}
