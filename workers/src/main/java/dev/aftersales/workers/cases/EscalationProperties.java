package dev.aftersales.workers.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param supervisorGroup who is told when a human task passes its due date */
@ConfigurationProperties("aftersales.escalation")
public record EscalationProperties(@DefaultValue("supervisors") String supervisorGroup) {}
