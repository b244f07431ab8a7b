package dev.aftersales.workers.cases;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param supervisorGroup the candidate group added to a task past its due date, and who is told
 * @param escalatedPriority the priority an overdue task is raised to (0–100; a task already higher keeps its own)
 * @param escalatedDueIn the new due date of an escalated task, from the escalation: the supervisors' deadline
 */
@ConfigurationProperties("aftersales.escalation")
public record EscalationProperties(
    @DefaultValue("supervisors") String supervisorGroup,
    @DefaultValue("100") int escalatedPriority,
    @DefaultValue("4h") Duration escalatedDueIn) {}
