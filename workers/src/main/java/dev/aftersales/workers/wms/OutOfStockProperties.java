package dev.aftersales.workers.wms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param recheckWithoutArrival when the warehouse has no arrival date, how long a waiting backorder
 *     waits before the customer is contacted again
 * @param defaultWarehouseId asked for stock when OMS did not say which warehouse ships the order
 */
@ConfigurationProperties("aftersales.out-of-stock")
public record OutOfStockProperties(
    @DefaultValue("7d") Duration recheckWithoutArrival,
    @DefaultValue("WH-MAIN") String defaultWarehouseId) {}
