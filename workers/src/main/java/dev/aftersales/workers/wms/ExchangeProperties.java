package dev.aftersales.workers.wms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param warehouseId the after-sales warehouse: replacements and reships are checked and shipped from it */
@ConfigurationProperties("aftersales.exchange")
public record ExchangeProperties(@DefaultValue("WH-AFTERSALES") String warehouseId) {}
