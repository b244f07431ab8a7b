package dev.aftersales.process;

import io.camunda.client.annotation.AnnotationUtil;
import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.annotation.value.VariableValue;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.bean.ParameterInfo;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job carries the variables its worker declares, not all of the instance's. The starter fetches only the
 * {@code @Variable} parameters of a worker, but fetches every variable for a worker that also takes the
 * {@link ActivatedJob} (nearly all of ours: the journal records the job's element), and an instance holds the
 * case's facts, every decision's result and the agents' form data. The engine then collected all of them for each
 * job, sent them over the wire and the worker parsed them, 14 times per return: with the in-memory engine of the
 * tests and the local stack, collecting a job's variables was a tenth of everything the benchmark allocated.
 *
 * <p>So a worker that takes the job and names no variables itself fetches the case id (the log context, the
 * attempt record and the retry handler read it from every job: {@link JobLogContext}), its {@code @Variable}
 * parameters and the components of its {@code @VariablesAsType} record. A worker that names its variables in
 * {@code @JobWorker(fetchVariables = …)} or asks for all ({@code forceFetchAllVariables}) keeps that.
 */
@Component
class DeclaredVariablesOnly implements JobWorkerValueCustomizer {

  private static final Logger log = LoggerFactory.getLogger(DeclaredVariablesOnly.class);

  @Override
  public void customize(JobWorkerValue worker) {
    if (worker.getMethodInfo() == null || !takesTheJob(worker)
        || Boolean.TRUE.equals(worker.getForceFetchAllVariables())
        || (worker.getFetchVariables() != null && !worker.getFetchVariables().isEmpty())) {
      return;
    }
    List<String> declared = declaredVariables(worker);
    worker.setFetchVariables(declared);
    log.debug("Worker {} fetches {}", worker.getType(), declared);
  }

  /** The case id, the worker's {@code @Variable} parameters and its {@code @VariablesAsType} records' components. */
  static List<String> declaredVariables(JobWorkerValue worker) {
    Set<String> names = new LinkedHashSet<>();
    names.add(JobLogContext.CASE_ID);
    for (ParameterInfo parameter : AnnotationUtil.getVariableParameters(worker.getMethodInfo())) {
      names.add(AnnotationUtil.getVariableValue(parameter).map(VariableValue::getName)
          .orElseGet(parameter::getParameterName));
    }
    for (ParameterInfo parameter : AnnotationUtil.getVariablesAsTypeParameters(worker.getMethodInfo())) {
      Class<?> type = parameter.getParameter().getType();
      if (!type.isRecord()) {
        throw new IllegalStateException("worker " + worker.getType() + " reads its variables as " + type.getName()
            + ", which is not a record: name its variables in @JobWorker(fetchVariables = …)");
      }
      for (RecordComponent component : type.getRecordComponents()) {
        names.add(component.getName());
      }
    }
    return List.copyOf(names);
  }

  private static boolean takesTheJob(JobWorkerValue worker) {
    return worker.getMethodInfo().getParameters().stream()
        .anyMatch(p -> ActivatedJob.class.isAssignableFrom(p.getParameter().getType()));
  }
}
