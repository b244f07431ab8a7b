package dev.aftersales.receipts;

import dev.aftersales.cases.Grade;
import dev.aftersales.web.CrossFieldChecked;
import dev.aftersales.web.CrossFieldRules;
import dev.aftersales.web.EnumName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/warehouse/receipts}: the WMS or a scanner reports a returned parcel, found by
 * case id or by the return label's tracking number (exactly one), with one item per returned line (at
 * most 50, as a request has at most 50 lines).
 */
@CrossFieldChecked
public record ParcelReceipt(
    @Size(max = 36) String caseId,
    @Size(max = 64) String trackingNumber,
    @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items) implements CrossFieldRules {

  public record Item(
      @NotBlank @Size(max = 64) String sku,
      @NotBlank @Size(max = 64) String barcode,
      @NotNull @EnumName(Grade.class) String grade) {

    public Grade gradeValue() {
      return Grade.valueOf(grade);
    }
  }

  @Override
  public void check(Violations violations) {
    boolean byCase = caseId != null && !caseId.isBlank();
    boolean byTracking = trackingNumber != null && !trackingNumber.isBlank();
    if (byCase == byTracking) {
      String message = byCase ? "give either caseId or trackingNumber, not both" : "give caseId or trackingNumber";
      violations.reject("caseId", message);
      violations.reject("trackingNumber", message);
    }
    if (items != null) {
      // A line carries one barcode and one grade, so each returned line is reported once.
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        Item item = items.get(i);
        if (item != null && item.sku() != null && !seen.add(item.sku())) {
          violations.reject("items", i, "sku", "sku " + item.sku() + " is reported twice");
        }
      }
    }
  }
}
