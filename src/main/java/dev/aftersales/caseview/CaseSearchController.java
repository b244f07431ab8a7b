package dev.aftersales.caseview;

import dev.aftersales.security.Caller;
import dev.aftersales.web.ApiPaths;
import dev.aftersales.web.RequestRejectedException;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/after-sales/cases}: find cases by order, customer, channel, type, status and request day, newest
 * first, a page at a time. {@code customerOfCase} finds the cases of a case's customer (the agent page's earlier
 * cases) for roles that see the customer id masked; a case the caller may not read is a 404. A channel user finds only its channels' cases; the customer id is masked for every
 * role but AGENT, as in the case view (docs/security.md).
 */
@RestController
class CaseSearchController {

  private final CaseSearch search;
  private final ReadableCases cases;

  CaseSearchController(CaseSearch search, ReadableCases cases) {
    this.search = search;
    this.cases = cases;
  }

  @GetMapping(ApiPaths.CASES)
  CaseSearch.Page find(@RequestParam(required = false) String orderId,
      @RequestParam(required = false) String customerId,
      @RequestParam(required = false) String customerOfCase,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size,
      Caller caller) {
    // The customer of a case the caller may read, without the caller learning the (masked) customer id.
    String customer = customerOfCase == null || customerOfCase.isBlank() ? customerId
        : cases.require(customerOfCase.strip(), caller).getCustomerId();
    CaseSearchQuery query = CaseSearchQuery.of(
        new CaseSearchQuery.Params(orderId, customer, channel, type, status, from, to, page, size));
    Set<String> channels = caller.readableChannels().orElse(null);
    if (channels != null && query.channel() != null && !channels.contains(query.channel())) {
      throw RequestRejectedException.forbidden("channel",
          "User " + caller.username() + " may not read cases of channel " + query.channel());
    }
    CaseSearch.Page found = search.find(query, channels);
    return caller.seesPersonalData() ? found : new CaseSearch.Page(found.page(), found.size(), found.total(),
        found.items().stream().map(CaseSearch.CaseSummary::masked).toList());
  }
}
