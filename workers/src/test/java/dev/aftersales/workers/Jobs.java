package dev.aftersales.workers;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;

/** A job as the engine hands it to a worker; tests call the worker method with it, as a (re)delivery would. */
public final class Jobs {

  private Jobs() {}

  public static ActivatedJob job(String type, String elementId) {
    return job(type, elementId, Map.of());
  }

  public static ActivatedJob job(String type, String elementId, Map<String, String> headers) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getType()).thenReturn(type);
    when(job.getElementId()).thenReturn(elementId);
    when(job.getCustomHeaders()).thenReturn(headers);
    return job;
  }
}
