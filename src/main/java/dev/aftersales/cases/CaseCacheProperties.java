package dev.aftersales.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The instance's memory of cases and order snapshots ({@link CaseCache}).
 *
 * @param maxCases how many cases (and as many snapshots) an instance remembers with their version; beyond that a new
 *     one takes the place of an arbitrary other one; 0 turns the memory off, and every load reads the store
 */
@ConfigurationProperties("aftersales.cases.cache")
public record CaseCacheProperties(@DefaultValue("10000") int maxCases) {}
