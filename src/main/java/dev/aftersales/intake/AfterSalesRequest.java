package dev.aftersales.intake;

import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.Reason;
import dev.aftersales.web.CrossFieldChecked;
import dev.aftersales.web.CrossFieldRules;
import dev.aftersales.web.EnumName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/after-sales/requests} (DESIGN 3.1). Sizes follow the case store's columns, so a
 * value that would not fit is a 400, not a database error.
 *
 * @param reason the channel's stated reason; null lets the classifier decide
 */
@CrossFieldChecked
public record AfterSalesRequest(
    @NotBlank @Size(max = 30) String channel,
    @NotBlank @Size(max = 100) String channelRequestId,
    @NotBlank @Size(max = 64) String orderId,
    @NotNull @EnumName(CaseType.class) String type,
    @EnumName(value = Reason.class, only = {"NO_REASON", "QUALITY"}) String reason,
    @Size(max = 2000) String description,
    Boolean unopened,
    @NotEmpty List<@NotNull @Valid Line> lines,
    List<@NotNull @Valid EvidenceItem> evidence) implements CrossFieldRules {

  public record Line(
      @NotBlank @Size(max = 64) String sku,
      @NotNull @Min(1) Integer quantity,
      @Size(max = 64) String exchangeSku) {}

  public record EvidenceItem(
      @NotBlank @Size(max = 1000) @Pattern(regexp = "(?i)https?://\\S+", message = "must be an http(s) URL") String url,
      @NotNull @EnumName(EvidenceKind.class) String kind) {}

  public CaseType caseType() {
    return CaseType.valueOf(type);
  }

  public Reason statedReason() {
    return reason == null ? null : Reason.valueOf(reason);
  }

  public List<EvidenceItem> evidenceOrEmpty() {
    return evidence == null ? List.of() : evidence;
  }

  @Override
  public void check(Violations violations) {
    if (!CaseType.EXCHANGE.name().equals(type) || lines == null) {
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line != null && (line.exchangeSku() == null || line.exchangeSku().isBlank())) {
        violations.reject("lines", i, "exchangeSku", "is required for an EXCHANGE: the variant the customer wants");
      }
    }
  }
}
