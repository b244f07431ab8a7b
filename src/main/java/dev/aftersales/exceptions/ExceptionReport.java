package dev.aftersales.exceptions;

import dev.aftersales.cases.ExceptionType;
import dev.aftersales.cases.OrderException;
import dev.aftersales.web.CrossFieldChecked;
import dev.aftersales.web.CrossFieldRules;
import dev.aftersales.web.EnumName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/orders/{orderId}/exceptions}: the order platform cannot release an order. Sizes follow
 * the case store's columns; each type needs the details its handling works with (docs/exception-orders-process.md).
 */
@CrossFieldChecked
public record ExceptionReport(
    @NotNull @EnumName(ExceptionType.class) String type,
    @Valid Details details) implements CrossFieldRules {

  /**
   * @param note what the reporter saw, free text
   * @param address ADDRESS_INCOMPLETE: the address as the customer gave it (personal data)
   * @param parcels TOO_MANY_PARCELS: into how many parcels the order was split
   * @param region CARRIER_OUT_OF_AREA: the delivery region (e.g. a province code)
   * @param weightGrams CARRIER_OUT_OF_AREA: the order's weight
   * @param carrier CARRIER_OUT_OF_AREA: the carrier that does not serve the region
   * @param sku OUT_OF_STOCK: the line that cannot ship
   * @param quantity OUT_OF_STOCK: units that cannot ship
   * @param bundleSku OUT_OF_STOCK, optional: the bundle {@code sku} is a missing component of
   */
  public record Details(
      @Size(max = 500) String note,
      @Size(max = 300) String address,
      @Min(1) @Max(99) Integer parcels,
      @Size(max = 64) String region,
      @Min(1) @Max(1_000_000) Integer weightGrams,
      @Size(max = 40) String carrier,
      @Size(max = 64) @Pattern(regexp = "[^:/]*", message = "must not contain ':' or '/'") String sku,
      @Min(1) @Max(9999) Integer quantity,
      @Size(max = 64) @Pattern(regexp = "[^:/]*", message = "must not contain ':' or '/'") String bundleSku) {}

  public ExceptionType exceptionType() {
    return ExceptionType.valueOf(type);
  }

  public Details detailsOrEmpty() {
    return details == null ? new Details(null, null, null, null, null, null, null, null, null) : details;
  }

  public OrderException.Reported reported() {
    Details d = detailsOrEmpty();
    return new OrderException.Reported(blankToNull(d.note()), blankToNull(d.address()), d.parcels(),
        blankToNull(d.region()), d.weightGrams(), blankToNull(d.carrier()));
  }

  @Override
  public void check(Violations violations) {
    if (type == null || !isType(type)) {
      return;
    }
    Details d = detailsOrEmpty();
    switch (ExceptionType.valueOf(type)) {
      case ADDRESS_INCOMPLETE -> requireText(violations, "details.address", d.address(), "the address as given");
      case TOO_MANY_PARCELS -> {
        if (d.parcels() == null) {
          violations.reject("details.parcels", "is required for TOO_MANY_PARCELS: into how many parcels it was split");
        }
      }
      case CARRIER_OUT_OF_AREA -> {
        requireText(violations, "details.region", d.region(), "the delivery region");
        if (d.weightGrams() == null) {
          violations.reject("details.weightGrams", "is required for CARRIER_OUT_OF_AREA: the order's weight");
        }
      }
      case OUT_OF_STOCK -> {
        requireText(violations, "details.sku", d.sku(), "the line that cannot ship");
        if (d.quantity() == null) {
          violations.reject("details.quantity", "is required for OUT_OF_STOCK: units that cannot ship");
        }
      }
      default -> { }
    }
  }

  private static void requireText(Violations violations, String field, String value, String what) {
    if (value == null || value.isBlank()) {
      violations.reject(field, "is required for this type: " + what);
    }
  }

  private static boolean isType(String name) {
    for (ExceptionType t : ExceptionType.values()) {
      if (t.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
