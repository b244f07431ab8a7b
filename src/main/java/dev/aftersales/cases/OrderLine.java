package dev.aftersales.cases;

import java.math.BigDecimal;

/** A line of the original order, captured from OMS at intake. {@code paidAmount} is for the whole quantity. */
public record OrderLine(
    String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal paidAmount, boolean gift, String barcode) {}
