package dev.aftersales.workers;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A job as the engine hands it to a worker; tests call the worker method with it, as a (re)delivery would. */
public final class Jobs {

  private static final AtomicLong KEYS = new AtomicLong(System.currentTimeMillis() * 1000);

  private Jobs() {}

  public static ActivatedJob job(String type, String elementId) {
    return job(type, elementId, Map.of());
  }

  public static ActivatedJob job(String type, String elementId, Map<String, String> headers) {
    return job(type, elementId, headers, 0L);
  }

  /** A job of this process instance (workers that look up the instance's tasks need it). */
  public static ActivatedJob job(String type, String elementId, Map<String, String> headers, long processInstanceKey) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(KEYS.incrementAndGet()); // the same mock again is the same job redelivered
    when(job.getProcessInstanceKey()).thenReturn(processInstanceKey);
    when(job.getType()).thenReturn(type);
    when(job.getElementId()).thenReturn(elementId);
    when(job.getCustomHeaders()).thenReturn(headers);
    return job;
  }
}
