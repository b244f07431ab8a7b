import { describe, expect, it } from 'vitest';
import { formErrors, isOverdue, sortTasks, workList } from '../src/lib/tasks.js';

const task = (key, priority, dueDate, extra = {}) => ({ taskKey: key, priority, dueDate, state: 'CREATED', creationTime: '2026-12-01T00:00:00Z', ...extra });

describe('the agent\'s work list', () => {
  it('sorts by priority, then the earliest due date, tasks without a due date last', () => {
    const sorted = sortTasks([
      task('a', 50, '2026-12-05T10:00:00Z'), task('b', 80, null), task('c', 80, '2026-12-06T00:00:00Z'),
      task('d', 50, '2026-12-04T10:00:00Z'),
    ]);
    expect(sorted.map((x) => x.taskKey)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('splits my tasks from the unassigned tasks of my groups; done tasks and other groups are left out', () => {
    const list = workList([
      task('mine', 10, null, { assignee: 'li.lei', candidateGroups: ['qc-team'] }),
      task('ours', 90, null, { candidateGroups: ['qc-team'] }),
      task('theirs', 90, null, { candidateGroups: ['warehouse-team'] }),
      task('taken', 90, null, { assignee: 'han.meimei', candidateGroups: ['qc-team'] }),
      task('done', 99, null, { state: 'COMPLETED', assignee: 'li.lei' }),
    ], 'li.lei', ['qc-team']);
    expect(list.mine.map((x) => x.taskKey)).toEqual(['mine']);
    expect(list.groups.map((x) => x.taskKey)).toEqual(['ours']);
  });

  it('an open task past its due date is overdue, a completed one never', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    expect(isOverdue(task('a', 1, '2026-12-05T11:59:00Z'), now)).toBe(true);
    expect(isOverdue(task('a', 1, '2026-12-05T12:01:00Z'), now)).toBe(false);
    expect(isOverdue(task('a', 1, '2026-12-05T11:00:00Z', { state: 'COMPLETED' }), now)).toBe(false);
  });
});

describe('the server\'s field problems on the form', () => {
  const schema = {
    components: [
      { id: 'Text_Title', type: 'text' },
      { id: 'Field_Decision', key: 'reviewDecision', type: 'radio' },
      { id: 'Group_Reject', type: 'group', components: [{ id: 'Field_Reason', key: 'rejectionReason', type: 'textarea' }] },
    ],
  };

  it('are put on the field of their key, nested fields included', () => {
    const { errors, general } = formErrors([
      { field: 'variables.reviewDecision', message: 'must be one of APPROVE, REJECT' },
      { field: 'variables.rejectionReason', message: 'must not be blank' },
    ], schema);
    expect(errors).toEqual({ Field_Decision: ['must be one of APPROVE, REJECT'], Field_Reason: ['must not be blank'] });
    expect(general).toEqual([]);
  });

  it('a problem of no field of the form is shown apart, with its field name', () => {
    const { errors, general } = formErrors([{ field: 'variables.deductionAmount', message: 'exceeds what was paid' }, { message: 'conflict' }], schema);
    expect(errors).toEqual({});
    expect(general).toEqual(['variables.deductionAmount: exceeds what was paid', 'conflict']);
  });
});
