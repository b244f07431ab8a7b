import { describe, expect, it } from 'vitest';
import { callTargets, firstShown, markersOf, pathFromTimeline } from '../src/lib/path.js';

const path = {
  caseId: 'c-1',
  processes: [
    { bpmnProcessId: 'return-request', calledBy: null, visitedElements: ['StartEvent_Requested', 'UserTask_ReviewEvidence', 'CallActivity_ReturnGoods'], visitedFlows: ['Flow_1'], currentWaits: ['UserTask_ReviewEvidence'] },
    { bpmnProcessId: 'return-goods', calledBy: { bpmnProcessId: 'return-request', elementId: 'CallActivity_ReturnGoods' }, visitedElements: [], visitedFlows: [], currentWaits: [] },
  ],
};

describe('the path on the diagram', () => {
  it('marks visited elements and flows, and the current wait above a visit', () => {
    const markers = markersOf(path.processes[0]);
    expect(markers.get('StartEvent_Requested')).toBe('path-visited');
    expect(markers.get('Flow_1')).toBe('path-visited');
    expect(markers.get('UserTask_ReviewEvidence')).toBe('path-current');
  });

  it('a case waiting inside a called process: its call activity is current, and that process is shown first', () => {
    const waitingInside = {
      processes: [
        { bpmnProcessId: 'return-request', visitedElements: ['CallActivity_ReturnGoods'], currentWaits: [] },
        { bpmnProcessId: 'return-goods', calledBy: { bpmnProcessId: 'return-request', elementId: 'CallActivity_ReturnGoods' }, visitedElements: ['UserTask_ReviewEvidence'], currentWaits: ['UserTask_ReviewEvidence'] },
      ],
    };
    expect(markersOf(waitingInside.processes[0], waitingInside).get('CallActivity_ReturnGoods')).toBe('path-current');
    expect(firstShown(waitingInside)).toBe('return-goods');
    expect(firstShown({ processes: [{ bpmnProcessId: 'return-request', currentWaits: [] }, { bpmnProcessId: 'return-goods', currentWaits: [] }] })).toBe('return-request');
  });

  it('leads from a call activity to the process it called for this case', () => {
    expect([...callTargets(path, 'return-request')]).toEqual([['CallActivity_ReturnGoods', 'return-goods']]);
    expect(callTargets(path, 'return-goods').size).toBe(0);
  });

  it('without the path endpoint: the timeline\'s steps on the case type\'s process, open tasks as waits', () => {
    const fallback = pathFromTimeline(
      { caseId: 'c-2', type: 'EXCHANGE', closedAt: null, tasks: [{ elementId: 'UserTask_X', state: 'CREATED' }, { elementId: 'UserTask_Y', state: 'COMPLETED' }] },
      [{ elementId: 'StartEvent_A' }, { elementId: null }, { elementId: 'ServiceTask_B' }, { elementId: 'StartEvent_A' }],
    );
    expect(fallback.processes).toEqual([{ bpmnProcessId: 'exchange-request', calledBy: null, visitedElements: ['StartEvent_A', 'ServiceTask_B'], visitedFlows: [], currentWaits: ['UserTask_X'] }]);
  });
});
