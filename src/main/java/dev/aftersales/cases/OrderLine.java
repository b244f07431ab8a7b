package dev.aftersales.cases;

import java.math.BigDecimal;
import org.springframework.data.relational.core.mapping.Table;

/** A line of the original order, captured from OMS at intake. {@code paidAmount} is for the whole quantity. */
@Table("case_order_line")
public record OrderLine(
    String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal paidAmount, boolean gift, String barcode) {}
