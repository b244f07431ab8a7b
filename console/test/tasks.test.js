import { afterEach, describe, expect, it } from 'vitest';
import { formErrors, isOverdue, isVip, shortId, sortTasks, tasksPerOrder, workList } from '../src/lib/tasks.js';
import { setLanguage } from '../src/lib/i18n.js';
import { taskTable } from '../src/pages/tasks.js';

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

describe('the work list shows each task\'s case', () => {
  const ofCase = (key, extra = {}) => task(key, 50, null, {
    name: 'Review evidence', elementId: 'UserTask_ReviewEvidence', candidateGroups: ['qc-team'],
    caseId: '3f9c2a71-0b5e-4c1d-9d2e-7a8b6c5d4e3f', caseType: 'RETURN', caseStatus: 'UNDER_REVIEW', channel: 'TMALL',
    orderId: 'O-1001', customerTier: 'NORMAL', urgent: false, ...extra,
  });
  const rowOf = (html, key) => {
    const table = document.createElement('div');
    table.innerHTML = html;
    return [...table.querySelectorAll('tbody tr')]
      .find((tr) => tr.querySelector('.task-link').getAttribute('href') === `#/tasks/${key}`);
  };
  afterEach(() => setLanguage('zh'));

  it('a case column links the short id to the case page, with its type, channel and order beside it', () => {
    setLanguage('en');
    const html = taskTable([ofCase('t1')]);
    const headers = [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('th')].map((th) => th.textContent);
    expect(headers.slice(0, 5)).toEqual(['Task', 'Case', 'Type', 'Channel', 'Order']);
    const cells = [...rowOf(html, 't1').querySelectorAll('td')];
    const link = cells[1].querySelector('a.case-link');
    expect(link.getAttribute('href')).toBe('#/cases/3f9c2a71-0b5e-4c1d-9d2e-7a8b6c5d4e3f');
    expect(link.textContent).toBe('3f9c2a71');
    expect(cells[1].querySelector('.badge')).toBeNull();
    expect(cells.slice(2, 5).map((td) => td.textContent)).toEqual(['Return', 'TMALL', 'O-1001']);
  });

  it('marks a VIP customer\'s task with the tier and an urgent case, in both languages', () => {
    const html = taskTable([ofCase('vip', { customerTier: 'VIP2', urgent: true })]);
    const marks = [...rowOf(html, 'vip').querySelectorAll('td')[1].querySelectorAll('.badge')];
    expect(marks.map((b) => [b.className, b.textContent])).toEqual([['badge vip', 'VIP2'], ['badge urgent', '加急']]);
    expect(rowOf(html, 'vip').querySelectorAll('td')[2].textContent).toBe('退货');
    setLanguage('en');
    expect(rowOf(taskTable([ofCase('vip', { urgent: true })]), 'vip').querySelector('.badge.urgent').textContent).toBe('Urgent');
  });

  it('counts the tasks of one order, and says when a task\'s case is not known', () => {
    setLanguage('en');
    const html = taskTable([ofCase('a'), ofCase('b', { elementId: 'UserTask_InspectGoods' }), ofCase('c', { orderId: 'O-2002' }),
      task('orphan', 10, null, { name: 'Check' })]);
    expect(rowOf(html, 'a').querySelectorAll('td')[4].textContent).toBe('O-1001 ×2');
    expect(rowOf(html, 'c').querySelectorAll('td')[4].textContent).toBe('O-2002');
    const orphan = [...rowOf(html, 'orphan').querySelectorAll('td')];
    expect(orphan[1].textContent).toBe('case not known');
    expect(orphan.slice(2, 5).map((td) => td.textContent)).toEqual(['–', '–', '–']);
    expect(tasksPerOrder([ofCase('a'), ofCase('b'), task('x', 1, null)]).get('O-1001')).toBe(2);
    expect(isVip(ofCase('n'))).toBe(false);
    expect(isVip(task('no tier', 1, null))).toBe(false);
    expect(shortId(null)).toBe('');
  });
});
