package dev.aftersales.testsupport;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.process.test.inspections.model.InspectedProcessInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine of the benchmark's {@code --rocksdb} mode: a broker's RocksDB state behind ZPT's gateway. */
class RocksDbEngineTest {

  @Test
  void anEngineOnRocksDbRunsTheModelsAndLeavesNoDirectoryBehind() throws Exception {
    Path directory;
    try (ProcessTestEngine zeebe = ProcessTestEngine.startOnRocksDb()) {
      zeebe.deployAllModels();
      BpmnModelInstance model = Bpmn.createExecutableProcess("rocksdb-probe")
          .startEvent().serviceTask("ServiceTask_Probe", t -> t.zeebeJobType("rocksdb-probe"))
          .endEvent("EndEvent_Probed").done();
      zeebe.client().newDeployResourceCommand().addProcessModel(model, "rocksdb-probe.bpmn").send().join();
      long key = zeebe.client().newCreateInstanceCommand().bpmnProcessId("rocksdb-probe").latestVersion()
          .variables(Map.of("caseId", "c-rocks")).send().join().getProcessInstanceKey();

      ActivatedJob job = zeebe.completeJob("rocksdb-probe", Map.of("probed", true));

      assertThat(job.getVariablesAsMap()).containsEntry("caseId", "c-rocks");
      zeebe.waitForIdle();
      assertThat(new InspectedProcessInstance(key)).isCompleted().hasPassedElement("EndEvent_Probed");
      assertThat(zeebe.onRocksDb()).isTrue();
      directory = zeebe.stateDirectory();
      try (var files = Files.list(directory)) {
        assertThat(files.map(f -> f.getFileName().toString())).as("RocksDB's files").contains("CURRENT");
      }
    }
    assertThat(directory).doesNotExist();
  }
}
