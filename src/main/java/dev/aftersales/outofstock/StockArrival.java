package dev.aftersales.outofstock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/stock/arrivals}: the warehouse received stock of a sku. The quantity may exceed a
 * customer line's 9,999: one receipt of stock can hold a pallet of units.
 *
 * @param arrivalId the warehouse's own id of this receipt of stock: the same (warehouseId, arrivalId)
 *     reported again is the same arrival and allocates nothing more
 */
public record StockArrival(
    @NotBlank @Size(max = 64) String sku,
    @NotNull @Min(1) @Max(1_000_000) Integer quantity,
    @NotBlank @Size(max = 40) String warehouseId,
    @NotBlank @Size(max = 64) String arrivalId) {}
