package dev.aftersales.workers.wms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultWarehouseId asked for stock when OMS did not say which warehouse ships the order
 */
@ConfigurationProperties("aftersales.out-of-stock")
public record OutOfStockProperties(
    @DefaultValue("WH-MAIN") String defaultWarehouseId) {}
