// The evidence review as an agent does it, in the real Tasklist of a running local stack, driven
// through headless Chromium (Debian's /usr/bin/chromium, by playwright-core; no browser download):
//   a quality return is opened through the application's API; the agent logs in to Tasklist, opens
//   the return's "Review evidence" task, sees the case facts, items and evidence links, is stopped by
//   the form's validation (no decision; a rejection reason that is too short), approves, completes,
//   and the case moves on (AWAITING_PARCEL, urgent, the agent in the timeline).
// Screenshots of every step go to target/e2e/browser/ (BROWSER_SHOTS to change it).
//
// Usage: deploy/local/stack up && (cd deploy/local/e2e && npm ci && node browser-test.mjs)
// Prints the opened case id as "case <id>" so that a caller can go on with it (deploy/local/e2e-test).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AGENT_LOGIN, AGENT_PASSWORD, APP, TASKLIST, TIMEOUT_MS, api, caseTask, poll, qualityReturn, repo, step,
  tasklistSession,
} from './lib.mjs';

const SHOTS = path.resolve(process.env.BROWSER_SHOTS ?? path.join(repo, 'target/e2e/browser'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
let shot = 0;
let page;

async function screenshot(name) {
  shot += 1;
  const file = path.join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

async function expectText(locatorOrText, what) {
  const locator = typeof locatorOrText === 'string' ? page.getByText(locatorOrText, { exact: false }).first() : locatorOrText;
  try {
    await locator.waitFor({ state: 'visible', timeout: 20_000 });
  } catch (e) {
    throw new Error(`${what}: not shown`);
  }
}

fs.mkdirSync(SHOTS, { recursive: true });
if (!fs.existsSync(CHROMIUM)) {
  console.error(`browser-test: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);
  process.exit(2);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-chromium-'));
let context;
let caseId;
let orderId; // of the quality return, one per run (lib.mjs qualityReturn)
const started = Date.now();
try {
  console.log(`Browser test: Tasklist ${TASKLIST}, app ${APP}, screenshots in ${path.relative(repo, SHOTS) || SHOTS}`);
  // Tasklist 8.6 links a task to its form when it imports the task: a task imported before the deployed
  // form shows its variables instead of the form for good. On a quickly started stack the first task can
  // come first, so a warm-up case's task is used to wait until Tasklist serves the form.
  await step('tasklist: serves the evidence-review form (warm-up case)', async () => {
    await api('POST', '/api/after-sales/requests', 'channel', qualityReturn(`browser-warm-up-${Date.now()}`));
    const tasklist = await tasklistSession();
    return poll('Tasklist serving the evidence-review form', async () => {
      const found = await tasklist('POST', '/v1/tasks/search',
        { state: 'CREATED', taskDefinitionId: 'UserTask_ReviewEvidence' });
      for (const task of found) {
        try {
          await tasklist('GET', `/v1/forms/evidence-review?processDefinitionKey=${task.processDefinitionKey}`);
          return `form of process definition ${task.processDefinitionKey}`;
        } catch (e) {
          // not imported yet
        }
      }
      return null;
    }, Math.max(TIMEOUT_MS, 300_000));
  });
  caseId = await step('app: POST /api/after-sales/requests (quality return)', async () => {
    const request = qualityReturn(`browser-${Date.now()}`);
    orderId = request.orderId;
    const opened = await api('POST', '/api/after-sales/requests', 'channel', request);
    return opened.caseId;
  });
  console.log(`case ${caseId}`);

  const taskId = await step('app: the case view lists its open "Review evidence" task', () =>
    poll('the open evidence-review task in the case view',
      async () => (await caseTask(caseId, 'UserTask_ReviewEvidence', 'CREATED'))?.taskId));

  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 1900 }, // tall: Tasklist scrolls the form inside the page; this shows all of it
  });
  context.setDefaultTimeout(30_000);
  page = context.pages()[0] ?? (await context.newPage());

  await step(`tasklist: log in as ${AGENT_LOGIN}`, async () => {
    await page.goto(`${TASKLIST}/tasklist`);
    await page.locator('#username').fill(AGENT_LOGIN);
    await page.locator('#password').fill(AGENT_PASSWORD);
    await screenshot('login');
    await page.getByRole('button', { name: 'Login' }).click();
    await expectText(page.getByRole('link', { name: 'Tasks' }).or(page.getByText('All open tasks')).first(), 'the task list');
  });

  await step('tasklist: open the task; the form shows facts, items, evidence', async () => {
    await page.goto(`${TASKLIST}/tasklist/${taskId}`);
    await expectText(page.getByRole('heading', { name: 'Review evidence' }).first(), 'the form title');
    await expectText(caseId, 'the case id in the case facts');
    await expectText(`${orderId} on DOUYIN`, 'order and channel');
    await expectText('Quality problem (defect, damage, not as described)', 'the reason in words');
    await expectText('10 days before the request (return window: 15 days)', 'days since delivery and window');
    await expectText('Electric kettle 1.5 L', 'the returned item');
    await expectText('arrived with a cracked lid', "the customer's description");
    const link = page.getByRole('link', { name: 'https://img.example/cracked-lid.jpg' });
    await expectText(link, 'the evidence link');
    if ((await link.getAttribute('href')) !== 'https://img.example/cracked-lid.jpg') throw new Error('evidence link points elsewhere');
    return path.relative(repo, await screenshot('task-opened'));
  });

  await step('tasklist: assign the task to me', async () => {
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await expectText(page.getByRole('button', { name: 'Unassign' }), 'the Unassign button (task assigned)');
  });

  await step('form: completing without a decision is refused', async () => {
    await page.getByRole('button', { name: 'Complete Task' }).click();
    await expectText('Field is required', 'the required-field message');
    await screenshot('validation-no-decision');
  });

  await step('form: a rejection needs a reason of 10 characters or more', async () => {
    await page.locator('label', { hasText: 'Reject the request' }).click();
    await page.getByLabel('Reason for the rejection').fill('blurry');
    await page.getByRole('button', { name: 'Complete Task' }).click();
    await expectText('Field must have minimum length of 10', 'the minimum-length message');
    await screenshot('validation-short-reason');
  });

  await step('form: approve with an internal note and complete', async () => {
    await page.locator('label', { hasText: 'Approve the request' }).click();
    await page.getByLabel('Internal note').fill('Crack in the lid clearly visible on the photo.');
    await screenshot('approve-filled');
    await page.getByRole('button', { name: 'Complete Task' }).click();
    await expectText('Task completed', 'the completion notice');
    await screenshot('completed');
  });

  const moved = await step('app: the case moved on (approved, urgent, label sent)', () =>
    poll('the case in AWAITING_PARCEL', async () => {
      const view = await api('GET', `/api/after-sales/cases/${caseId}`, 'agent');
      const done = (view.tasks ?? []).find((t) => t.taskId === taskId);
      return view.status === 'AWAITING_PARCEL' && view.urgent && done?.state === 'COMPLETED'
        ? `status ${view.status}, urgent, task COMPLETED by ${done.assignee}` : null;
    }));

  await step('app: the timeline records the review with the agent and the form data', () =>
    poll('the HUMAN_TASK entry with the agent', async () => {
      const timeline = await api('GET', `/api/after-sales/cases/${caseId}/timeline`, 'auditor');
      const review = timeline.find((e) => e.kind === 'HUMAN_TASK' && e.details?.task === 'evidence-review');
      if (!review) return null;
      if (review.details.assignee !== AGENT_LOGIN) throw new Error(`timeline assignee ${review.details.assignee}, expected ${AGENT_LOGIN}`);
      if (review.details.formData?.reviewDecision !== 'APPROVE') throw new Error(`form data ${JSON.stringify(review.details.formData)}`);
      return `assignee ${review.details.assignee}, completed ${review.details.completionTime}`;
    }));

  await step('tasklist: the completed task shows in the completed list', async () => {
    await page.goto(`${TASKLIST}/tasklist?filter=completed`);
    await expectText(page.getByText('Review evidence').first(), 'a completed Review evidence task');
    return path.relative(repo, await screenshot('completed-list'));
  });
  console.log(`Browser test passed in ${((Date.now() - started) / 1000).toFixed(0)} s (${moved}).`);
} catch (e) {
  console.error(`browser-test: ${e.message}`);
  if (page) {
    try { console.error(`screenshot: ${await screenshot('failure')}`); } catch { /* the browser is gone */ }
  }
  process.exitCode = 1;
} finally {
  if (context) await context.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
}
