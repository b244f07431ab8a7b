package dev.aftersales.intake;

import dev.aftersales.cases.CaseType;
import dev.aftersales.cases.EvidenceKind;
import dev.aftersales.cases.Reason;
import dev.aftersales.web.CrossFieldChecked;
import dev.aftersales.web.CrossFieldRules;
import dev.aftersales.web.EnumName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/after-sales/requests}. Sizes follow the case store's columns, so a value that would
 * not fit is a 400, not a database error; the limits (quantity 1–9,999, 50 lines, 20 evidence items, a
 * sku once) are those of docs/security.md.
 *
 * @param reason the channel's stated reason; null lets the classifier decide
 */
@CrossFieldChecked
public record AfterSalesRequest(
    @NotBlank @Size(max = 30) String channel,
    @NotBlank @Size(max = 100) String channelRequestId,
    @NotBlank @Size(max = 64) String orderId,
    @NotNull @EnumName(value = CaseType.class, only = {"RETURN", "EXCHANGE", "WRONG_ITEM", "MISSING_ITEM"}) String type,
    @EnumName(value = Reason.class, only = {"NO_REASON", "QUALITY"}) String reason,
    @Size(max = 2000) String description,
    Boolean unopened,
    @NotEmpty @Size(max = 50) List<@NotNull @Valid Line> lines,
    @Size(max = 20) List<@NotNull @Valid EvidenceItem> evidence) implements CrossFieldRules {

  /**
   * @param sku the ordered sku: returned, exchanged, sent wrong (WRONG_ITEM) or missing (MISSING_ITEM)
   * @param exchangeSku EXCHANGE only, required: the variant the customer wants
   * @param receivedSku WRONG_ITEM only, optional: what arrived instead of {@code sku}
   */
  public record Line(
      @NotBlank @Size(max = 64) String sku,
      @NotNull @Min(1) @Max(9999) Integer quantity,
      @Size(max = 64) String exchangeSku,
      @Size(max = 64) String receivedSku) {}

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
    if (lines == null) {
      return;
    }
    boolean exchange = CaseType.EXCHANGE.name().equals(type);
    boolean wrongItem = CaseType.WRONG_ITEM.name().equals(type);
    Set<String> skus = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line == null) {
        continue;
      }
      if (line.sku() != null && !skus.add(line.sku())) {
        // Two lines of one sku would be claimed, received and graded as one line; the channel sums them.
        violations.reject("lines", i, "sku", "sku " + line.sku() + " appears twice: give it once with the total quantity");
      }
      if (exchange && isBlank(line.exchangeSku())) {
        violations.reject("lines", i, "exchangeSku", "is required for an EXCHANGE: the variant the customer wants");
      }
      if (!isBlank(line.receivedSku()) && !wrongItem) {
        violations.reject("lines", i, "receivedSku", "is only for a WRONG_ITEM: the sku that arrived instead");
      } else if (!isBlank(line.receivedSku()) && line.receivedSku().equals(line.sku())) {
        violations.reject("lines", i, "receivedSku", "must differ from sku: it is what arrived instead of it");
      }
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
