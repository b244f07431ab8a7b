package dev.aftersales.models;

import dev.aftersales.web.ApiPaths;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * A case's path on its deployed BPMN diagrams, from what the case recorded: the element ids of its timeline
 * entries and of its human tasks. Elements that record nothing (gateways, events, a user task before its
 * recording step) and the sequence flows are inferred: a flow is visited when it lies on a path from a
 * visited element (or a start event, or a boundary event of a visited activity) to another visited element
 * through such silent elements only. A called process's call activity is visited when the called process is.
 */
@Component
public class ProcessPaths {

  /** The process that called another one, and the call activity that did. */
  public record CalledBy(String bpmnProcessId, String elementId) {}

  /** One process of the case, the main one first, then the ones it called. */
  public record ProcessPath(String bpmnProcessId, String name, CalledBy calledBy, String model,
      List<String> visitedElements, List<String> visitedFlows, List<String> currentWaits) {}

  /**
   * @param mainProcess the process the case started (by its type)
   * @param recorded element ids the case recorded, oldest first
   * @param open element ids of its open human tasks
   * @param closed the case reached a final status: its processes ended
   */
  public record Trace(String mainProcess, List<String> recorded, Collection<String> open, boolean closed) {}

  private final DeployedModels models;
  /**
   * Process id → the ids of its elements. Ids repeat across processes ("ServiceTask_CalculateRefund" is in
   * every flow that refunds), so an id is resolved in the case's own processes first.
   */
  private final Map<String, Set<String>> elementsOf = new LinkedHashMap<>();
  /** Called process id → the call activities that call it. */
  private final Map<String, List<CalledBy>> callers = new HashMap<>();

  public ProcessPaths(DeployedModels models) {
    this.models = models;
    for (DeployedModels.ProcessModel p : models.processes()) {
      for (FlowNode node : p.bpmn().getModelElementsByType(FlowNode.class)) {
        String process = processId(node);
        if (process != null && process.equals(p.file().id())) {
          elementsOf.computeIfAbsent(process, k -> new HashSet<>()).add(node.getId());
        }
      }
      for (CallActivity call : p.bpmn().getModelElementsByType(CallActivity.class)) {
        ZeebeCalledElement called = call.getSingleExtensionElement(ZeebeCalledElement.class);
        if (called != null && called.getProcessId() != null && p.file().id().equals(processId(call))) {
          callers.computeIfAbsent(called.getProcessId(), k -> new ArrayList<>())
              .add(new CalledBy(p.file().id(), call.getId()));
        }
      }
    }
  }

  public List<ProcessPath> of(Trace trace) {
    Map<String, CalledBy> calledBy = new LinkedHashMap<>();
    List<String> order = searchOrder(trace.mainProcess(), calledBy);
    Map<String, LinkedHashSet<String>> visited = new LinkedHashMap<>();
    Map<String, String> processOf = new HashMap<>();
    String lastProcess = null;
    String lastElement = null;
    for (String id : concat(trace.recorded(), trace.open())) {
      String process = order.stream().filter(p -> elementsOf.getOrDefault(p, Set.of()).contains(id)).findFirst()
          .orElse(null);
      if (process != null) {
        processOf.put(id, process);
        visited.computeIfAbsent(process, k -> new LinkedHashSet<>()).add(id);
        if (trace.recorded().contains(id)) {
          lastProcess = process;
          lastElement = id;
        }
      }
    }
    for (String process : new ArrayList<>(visited.keySet())) {
      addCallers(process, visited, calledBy);
    }
    List<String> shown = new ArrayList<>(order);
    shown.retainAll(visited.keySet());
    // Called processes first: the error a called process ended with fires a boundary event of its caller.
    Map<String, ProcessPath> byProcess = new HashMap<>();
    Map<String, Set<String>> thrownAt = new HashMap<>();
    for (String process : shown.reversed()) {
      DeployedModels.ProcessModel model = models.process(process).orElseThrow();
      Set<String> waits = new LinkedHashSet<>();
      trace.open().stream().filter(id -> process.equals(processOf.get(id))).forEach(waits::add);
      if (!trace.closed() && trace.open().isEmpty() && process.equals(lastProcess)) {
        waits.addAll(nextWaits(model.bpmn(), lastElement));
      }
      CalledBy caller = calledBy.get(process);
      // A called process ended when its caller recorded a step of its own after the call.
      boolean ended = trace.closed() || caller != null && visited.get(caller.bpmnProcessId()).stream()
          .anyMatch(id -> !id.equals(caller.elementId()) && trace.recorded().contains(id));
      ProcessPath path = path(model, visited.get(process), caller, ended, waits,
          thrownAt.getOrDefault(process, Set.of()));
      byProcess.put(process, path);
      if (caller != null) {
        thrownAt.computeIfAbsent(caller.bpmnProcessId(), k -> new HashSet<>())
            .addAll(errorsThrown(model.bpmn(), path.visitedElements()).stream()
                .map(code -> caller.elementId() + "#" + code).toList());
      }
    }
    return shown.stream().map(byProcess::get).toList();
  }

  /** The error codes of the error end events among the visited elements. */
  private static Set<String> errorsThrown(BpmnModelInstance bpmn, List<String> visited) {
    Set<String> codes = new HashSet<>();
    for (EndEvent end : bpmn.getModelElementsByType(EndEvent.class)) {
      if (visited.contains(end.getId())) {
        end.getEventDefinitions().stream().filter(ErrorEventDefinition.class::isInstance)
            .map(d -> ((ErrorEventDefinition) d).getError())
            .filter(e -> e != null && e.getErrorCode() != null)
            .forEach(e -> codes.add(e.getErrorCode()));
      }
    }
    return codes;
  }

  /** Whether this error boundary event catches an error its call activity's process ended with. */
  private static boolean caught(BoundaryEvent boundary, Set<String> thrown) {
    return boundary.getEventDefinitions().stream().filter(ErrorEventDefinition.class::isInstance)
        .map(d -> ((ErrorEventDefinition) d).getError())
        .anyMatch(e -> thrown.contains(boundary.getAttachedTo().getId() + "#" + (e == null ? null : e.getErrorCode()))
            || e == null && thrown.stream().anyMatch(t -> t.startsWith(boundary.getAttachedTo().getId() + "#")));
  }

  /**
   * The case's main process, the ones it calls (breadth first, noting who calls each), then every other deployed
   * process (one started beside the case, such as a late parcel's).
   */
  private List<String> searchOrder(String main, Map<String, CalledBy> calledBy) {
    List<String> order = new ArrayList<>();
    if (main != null && elementsOf.containsKey(main)) {
      order.add(main);
      for (int i = 0; i < order.size(); i++) {
        String parent = order.get(i);
        callers.forEach((called, calls) -> calls.stream().filter(c -> c.bpmnProcessId().equals(parent)).findFirst()
            .ifPresent(call -> {
              if (!order.contains(called)) {
                order.add(called);
                calledBy.put(called, call);
              }
            }));
      }
    }
    elementsOf.keySet().stream().filter(p -> !order.contains(p)).forEach(order::add);
    return order;
  }

  /** The call activity of a visited called process was visited, and so was the process that holds it. */
  private void addCallers(String process, Map<String, LinkedHashSet<String>> visited, Map<String, CalledBy> calledBy) {
    CalledBy call = calledBy.get(process);
    if (call == null || visited.containsKey(call.bpmnProcessId())
        && visited.get(call.bpmnProcessId()).contains(call.elementId())) {
      return;
    }
    visited.computeIfAbsent(call.bpmnProcessId(), k -> new LinkedHashSet<>()).add(call.elementId());
    addCallers(call.bpmnProcessId(), visited, calledBy);
  }

  /** @param thrown {@code callActivityId#errorCode} of the errors its called processes ended with */
  private ProcessPath path(DeployedModels.ProcessModel model, Set<String> recorded, CalledBy calledBy,
      boolean complete, Set<String> waits, Set<String> thrown) {
    BpmnModelInstance bpmn = model.bpmn();
    String process = model.file().id();
    Set<String> visited = new LinkedHashSet<>(recorded);
    Set<String> inferred = new TreeSet<>();
    Set<String> flows = new TreeSet<>();
    List<FlowNode> sources = new ArrayList<>();
    for (String id : recorded) {
      if (bpmn.getModelElementById(id) instanceof FlowNode node) {
        sources.add(node);
      }
    }
    for (StartEvent start : bpmn.getModelElementsByType(StartEvent.class)) {
      if (process.equals(processId(start)) && start.getParentElement() instanceof Process) {
        sources.add(start);
      }
    }
    Walk walk = new Walk(recorded, complete);
    for (FlowNode source : sources) {
      if (walk.reachesVisited(source) && !visited.contains(source.getId())) {
        inferred.add(source.getId());
      }
    }
    // A boundary event of a visited activity fired only if a recorded step follows it; an end event alone proves
    // nothing (the error boundaries of a call activity lead straight to one).
    Walk fromBoundary = new Walk(recorded, false);
    for (BoundaryEvent boundary : bpmn.getModelElementsByType(BoundaryEvent.class)) {
      if (boundary.getAttachedTo() != null && recorded.contains(boundary.getAttachedTo().getId())
          && fromBoundary.reachesVisited(boundary)) {
        inferred.add(boundary.getId());
      }
    }
    inferred.addAll(fromBoundary.nodes);
    flows.addAll(fromBoundary.flows);
    // The error a called process ended with ended its caller too, through the call activity's boundary event.
    Walk fromError = new Walk(recorded, true);
    for (BoundaryEvent boundary : bpmn.getModelElementsByType(BoundaryEvent.class)) {
      if (boundary.getAttachedTo() != null && caught(boundary, thrown) && fromError.reachesVisited(boundary)) {
        inferred.add(boundary.getId());
      }
    }
    inferred.addAll(fromError.nodes);
    flows.addAll(fromError.flows);
    inferred.addAll(walk.nodes);
    flows.addAll(walk.flows);
    inferred.removeAll(visited);
    visited.addAll(inferred);
    return new ProcessPath(process, model.file().name(), calledBy, ApiPaths.MODEL_PROCESS.replace("{bpmnProcessId}",
        process), List.copyOf(visited), List.copyOf(flows), List.copyOf(waits));
  }

  /** Depth-first from a node over silent elements to visited ones; remembers the flows and nodes of the paths. */
  private static final class Walk {

    private final Set<String> visited;
    private final boolean complete;
    private final Map<String, Boolean> reaches = new HashMap<>();
    final Set<String> flows = new LinkedHashSet<>();
    final Set<String> nodes = new LinkedHashSet<>();

    Walk(Set<String> visited, boolean complete) {
      this.visited = visited;
      this.complete = complete;
    }

    boolean reachesVisited(FlowNode from) {
      boolean any = false;
      for (SequenceFlow flow : from.getOutgoing()) {
        FlowNode target = flow.getTarget();
        boolean ok;
        if (visited.contains(target.getId())) {
          ok = true;
        } else if (target instanceof EndEvent) {
          ok = complete;
          if (ok) {
            nodes.add(target.getId());
          }
        } else if (silent(target)) {
          Boolean known = reaches.get(target.getId());
          if (known == null) {
            reaches.put(target.getId(), false); // a loop back to here adds nothing
            known = reachesVisited(target);
            reaches.put(target.getId(), known);
          }
          ok = known;
          if (ok) {
            nodes.add(target.getId());
          }
        } else {
          ok = false;
        }
        if (ok) {
          flows.add(flow.getId());
          any = true;
        }
      }
      return any;
    }
  }

  /** Records nothing on the timeline itself: passed when the elements around it were. */
  private static boolean silent(FlowNode node) {
    return node instanceof Gateway || node instanceof IntermediateCatchEvent || node instanceof IntermediateThrowEvent
        || node instanceof UserTask;
  }

  /**
   * What an open case waits at after its last recorded step: the first elements after it that are not gateways
   * or throw events — a message or timer, a task at work (or blocked by an incident).
   */
  private static Set<String> nextWaits(BpmnModelInstance bpmn, String lastElement) {
    Set<String> waits = new LinkedHashSet<>();
    if (lastElement == null || !(bpmn.getModelElementById(lastElement) instanceof FlowNode last)) {
      return waits;
    }
    collectWaits(last, waits, new HashSet<>());
    return waits;
  }

  private static void collectWaits(FlowNode from, Set<String> waits, Set<String> seen) {
    for (SequenceFlow flow : from.getOutgoing()) {
      FlowNode target = flow.getTarget();
      if (!seen.add(target.getId())) {
        continue;
      }
      if (target instanceof Gateway && !(target instanceof EventBasedGateway)
          || target instanceof IntermediateThrowEvent) {
        collectWaits(target, waits, seen);
      } else if (target instanceof EventBasedGateway) {
        target.getOutgoing().forEach(f -> waits.add(f.getTarget().getId()));
      } else if (target instanceof IntermediateCatchEvent || target instanceof ReceiveTask
          || target instanceof Activity) {
        waits.add(target.getId());
      }
    }
  }

  private static String processId(ModelElementInstance element) {
    ModelElementInstance parent = element.getParentElement();
    while (parent != null && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return parent == null ? null : ((Process) parent).getId();
  }

  private static List<String> concat(List<String> a, Collection<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
