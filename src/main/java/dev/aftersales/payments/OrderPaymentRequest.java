package dev.aftersales.payments;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/after-sales/cases/{caseId}/order-payments}: the channel reports that the customer paid an
 * order whose payment had failed (through the pay link the case sent).
 *
 * @param paymentId the payment provider's id of the payment
 */
public record OrderPaymentRequest(@NotBlank @Size(max = 64) String paymentId) {}
