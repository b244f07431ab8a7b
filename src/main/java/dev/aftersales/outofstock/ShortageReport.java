package dev.aftersales.outofstock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/orders/{orderId}/shortages}: an order line cannot ship.
 *
 * @param sku the short sku: an ordered line's, or a component missing from the ordered bundle {@code bundleSku}
 * @param quantity units that cannot ship; for a bundle, the bundles that lack the component
 * @param bundleSku optional: the ordered bundle {@code sku} is a component of
 */
public record ShortageReport(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[^:/]*", message = "must not contain ':' or '/'") String sku,
    @NotNull @Min(1) @Max(9999) Integer quantity,
    @Size(max = 64) @Pattern(regexp = "[^:/]*", message = "must not contain ':' or '/'") String bundleSku) {

  /** A bundle sku sent as "" is not given. */
  public String bundleSkuOrNull() {
    return bundleSku == null || bundleSku.isBlank() ? null : bundleSku.strip();
  }
}
