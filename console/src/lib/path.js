// The case's path as markers on its BPMN diagrams: visited elements and flows, the current waits, and the
// call activities that lead to a called process of the case (GET /api/after-sales/cases/{caseId}/path).

/** The process each case type starts (bpmn/<id>.bpmn); the others are called by these. */
export const MAIN_PROCESS = {
  RETURN: 'return-request',
  EXCHANGE: 'exchange-request',
  WRONG_ITEM: 'mis-sent-item',
  MISSING_ITEM: 'mis-sent-item',
  OUT_OF_STOCK: 'out-of-stock',
};

/**
 * Marker (CSS class) per element id: 'path-current' wins over 'path-visited'. A call activity whose called
 * process waits now (given the whole path) is current too: the case waits inside it.
 */
export function markersOf(process, path = { processes: [] }) {
  const markers = new Map();
  for (const id of process.visitedElements ?? []) markers.set(id, 'path-visited');
  for (const id of process.visitedFlows ?? []) markers.set(id, 'path-visited');
  for (const id of process.currentWaits ?? []) markers.set(id, 'path-current');
  for (const called of path.processes ?? []) {
    if (called.calledBy?.bpmnProcessId === process.bpmnProcessId && waitsInside(called, path)) {
      markers.set(called.calledBy.elementId, 'path-current');
    }
  }
  return markers;
}

/** The process waits now, itself or in a process it called. */
function waitsInside(process, path, seen = new Set()) {
  if (seen.has(process.bpmnProcessId)) return false;
  seen.add(process.bpmnProcessId);
  return (process.currentWaits ?? []).length > 0 || (path.processes ?? []).some((p) =>
    p.calledBy?.bpmnProcessId === process.bpmnProcessId && waitsInside(p, path, seen));
}

/** The process to show first: where the case waits now (the last such), else the main process. */
export function firstShown(path) {
  const processes = path.processes ?? [];
  const waiting = processes.filter((p) => (p.currentWaits ?? []).length > 0);
  return (waiting.at(-1) ?? processes[0])?.bpmnProcessId;
}

/** Call activity id → the called process of this case, for the diagram of {@code bpmnProcessId}. */
export function callTargets(path, bpmnProcessId) {
  const targets = new Map();
  for (const p of path.processes ?? []) {
    if (p.calledBy?.bpmnProcessId === bpmnProcessId && p.calledBy.elementId) targets.set(p.calledBy.elementId, p.bpmnProcessId);
  }
  return targets;
}

/**
 * Without the path endpoint, the timeline still names the elements the case passed: the case's main
 * process with those steps marked (flows and called processes unknown).
 */
export function pathFromTimeline(caseView, timeline) {
  const visited = [...new Set(timeline.map((e) => e.elementId).filter(Boolean))];
  const waits = (caseView.tasks ?? []).filter((task) => task.state === 'CREATED').map((task) => task.elementId);
  return {
    caseId: caseView.caseId,
    closed: Boolean(caseView.closedAt),
    processes: [{
      bpmnProcessId: MAIN_PROCESS[caseView.type] ?? 'return-request', calledBy: null,
      visitedElements: visited, visitedFlows: [], currentWaits: waits,
    }],
  };
}
