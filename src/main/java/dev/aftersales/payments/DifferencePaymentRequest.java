package dev.aftersales.payments;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * {@code POST /api/after-sales/cases/{caseId}/difference-payments}: the channel reports that the
 * customer paid the price difference of a dearer exchange variant.
 *
 * @param paymentId the channel's or provider's id of the payment
 * @param amount what was paid, CNY: the requested difference
 */
public record DifferencePaymentRequest(
    @NotBlank @Size(max = 64) String paymentId,
    @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount) {}
