package dev.aftersales.decisions;

import dev.aftersales.cases.BusinessCalendar;
import dev.aftersales.models.InvalidModelException;
import dev.aftersales.reports.ReportPeriod;
import dev.aftersales.security.Caller;
import dev.aftersales.web.ApiPaths;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A process owner tries a DMN change on past cases before deploying it (docs/console-api.md). The candidate comes
 * as the request body ({@code application/xml}) or as the file part {@code dmn} of a form upload; it is never
 * deployed. The body limit of the API (64 KiB) holds: the largest decision file is a quarter of it.
 */
@RestController
class WhatIfController {

  private final WhatIfReplay replay;
  private final Clock clock;

  WhatIfController(WhatIfReplay replay, Clock clock) {
    this.replay = replay;
    this.clock = clock;
  }

  /**
   * @param from first business day (Asia/Shanghai) of the past evaluations replayed; default: 29 days before
   *     {@code to}
   * @param to last one, included; default: today
   */
  @PostMapping(value = ApiPaths.WHAT_IF, consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
  WhatIf xml(@PathVariable String decisionId, @RequestBody(required = false) byte[] dmn,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to, Caller caller) {
    return run(decisionId, dmn, from, to, caller);
  }

  @PostMapping(value = ApiPaths.WHAT_IF, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  WhatIf upload(@PathVariable String decisionId, @RequestPart(name = "dmn", required = false) MultipartFile dmn,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to, Caller caller)
      throws IOException {
    if (dmn == null) {
      throw new InvalidModelException("is missing: send the file in the form part 'dmn'");
    }
    return run(decisionId, dmn.getBytes(), from, to, caller);
  }

  /** Personal data in the listed inputs is masked for every role but AGENT, as on the timeline. */
  private WhatIf run(String decisionId, byte[] dmn, String from, String to, Caller caller) {
    ReportPeriod period = ReportPeriod.of(from, to, LocalDate.ofInstant(clock.instant(), BusinessCalendar.ZONE));
    return replay.replay(decisionId, CandidateDecision.parse(decisionId, dmn), period, !caller.seesPersonalData());
  }
}
