package dev.aftersales.ops.health;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.BrokerInfo;
import io.camunda.client.api.response.PartitionInfo;
import io.camunda.client.api.response.Topology;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code engine}: the gateway answers a topology request within
 * {@code aftersales.health.engine.timeout}, and every partition has a leader. Part of the readiness group
 * (application.yaml), never of liveness: an engine outage takes the pods out of the Service, it must not
 * make Kubernetes restart them, since intake keeps cases and starts their processes later.
 *
 * <p>It replaces the starter's {@code camundaClient} check (switched off with
 * {@code management.health.camunda.enabled=false}), which waits for the topology as long as any command
 * may take and is UP as soon as one broker answers, even when a partition has no leader and a third of the
 * process starts would fail.
 */
@Component("engine")
class EngineHealthIndicator extends AbstractHealthIndicator {

  private final CamundaClient client;
  private final EngineHealthProperties properties;

  EngineHealthIndicator(CamundaClient client, EngineHealthProperties properties) {
    super("Engine topology request failed");
    this.client = client;
    this.properties = properties;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    long timeoutMillis = properties.timeout().toMillis();
    Topology topology = client.newTopologyRequest()
        .requestTimeout(properties.timeout())
        .send()
        .join(timeoutMillis, TimeUnit.MILLISECONDS);
    List<BrokerInfo> brokers = topology.getBrokers();
    Set<Integer> withoutLeader = partitionsWithoutLeader(topology);
    health.withDetail("gatewayVersion", topology.getGatewayVersion())
        .withDetail("brokers", brokers.size())
        .withDetail("clusterSize", topology.getClusterSize())
        .withDetail("partitions", topology.getPartitionsCount())
        .withDetail("replicationFactor", topology.getReplicationFactor());
    if (brokers.isEmpty()) {
      health.down().withDetail("reason", "the gateway knows no broker");
    } else if (!withoutLeader.isEmpty()) {
      health.down().withDetail("partitionsWithoutLeader", withoutLeader);
    } else {
      health.up();
    }
  }

  private static Set<Integer> partitionsWithoutLeader(Topology topology) {
    Set<Integer> missing = new TreeSet<>();
    IntStream.rangeClosed(1, topology.getPartitionsCount()).forEach(missing::add);
    topology.getBrokers().stream()
        .flatMap(broker -> broker.getPartitions().stream())
        .filter(PartitionInfo::isLeader)
        .map(PartitionInfo::getPartitionId)
        .forEach(missing::remove);
    return missing;
  }
}
