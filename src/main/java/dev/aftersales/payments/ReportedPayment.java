package dev.aftersales.payments;

import java.math.BigDecimal;

/**
 * A payment as the channel reports it.
 *
 * @param amount what the channel says was paid; null when the case knows what it asked for (an exception order)
 */
record ReportedPayment(String paymentId, BigDecimal amount) {}
