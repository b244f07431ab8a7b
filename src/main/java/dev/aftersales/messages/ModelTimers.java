package dev.aftersales.messages;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.TimeDuration;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * How long a process waits for a message, as its model says: the timer that races the message at an
 * event-based gateway ("Parcel received within 7 days?"). A message published before its process waits is
 * kept that long, so the time-to-live follows the model instead of a copy of the timer in configuration.
 * Read once from the models the application deploys ({@code bpmn/}); a message raced by several timers
 * takes the longest; a timer given by an expression (a date from the case) sets none.
 */
@Component
public class ModelTimers {

  private final Map<String, Duration> waits;

  public ModelTimers() {
    this("classpath*:/bpmn/**/*.bpmn");
  }

  ModelTimers(String pattern) {
    Map<String, Duration> found = new HashMap<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          collect(Bpmn.readModelFromStream(in), found);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the models " + pattern, e);
    }
    this.waits = Map.copyOf(found);
  }

  /** The longest time a process waits for this message; empty when no static timer races it. */
  public Optional<Duration> waitFor(String messageName) {
    return Optional.ofNullable(waits.get(messageName));
  }

  private static void collect(BpmnModelInstance model, Map<String, Duration> found) {
    for (EventBasedGateway gateway : model.getModelElementsByType(EventBasedGateway.class)) {
      Duration timer = null;
      String message = null;
      for (SequenceFlow flow : gateway.getOutgoing()) {
        if (!(flow.getTarget() instanceof IntermediateCatchEvent event)) {
          continue;
        }
        for (var definition : event.getEventDefinitions()) {
          if (definition instanceof MessageEventDefinition m && m.getMessage() != null) {
            message = m.getMessage().getName();
          } else if (definition instanceof TimerEventDefinition t && t.getTimeDuration() != null) {
            timer = parse(t.getTimeDuration());
          }
        }
      }
      if (message != null && timer != null) {
        found.merge(message, timer, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
  }

  /** An ISO 8601 duration (P7D, PT48H); null for an expression. */
  private static Duration parse(TimeDuration duration) {
    String text = duration.getTextContent().trim();
    if (text.startsWith("=")) {
      return null;
    }
    int time = text.indexOf('T');
    if (time < 0) {
      return Duration.ofDays(Period.parse(text).getDays());
    }
    Duration days = time > 1 ? Duration.ofDays(Period.parse(text.substring(0, time)).getDays()) : Duration.ZERO;
    return days.plus(Duration.parse("P" + text.substring(time)));
  }
}
