// The web console (/console) in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core
// from console/node_modules), as its three kinds of users meet it, on the stack's data:
//   - an auditor (English) signs in, finds the refunded quality return of return-flow.mjs, and sees its path on
//     the BPMN diagram and the matched row of the eligibility table;
//   - a process owner (Chinese) sees the KPI charts, and runs a what-if with a shorter return window for quality
//     problems: the refunded case would have been rejected;
//   - an agent (Chinese) approves a new quality return's evidence review in the workspace, with the case beside
//     the form, and the case moves on to AWAITING_PARCEL.
// Screenshots of every page in target/e2e/console-*.png (docs/console.md shows some of them).
//
// Usage: node console-flow.mjs   (after return-flow.mjs)   Last line: "RESULT passed=N failed=N".
// CHROMIUM=/path/to/chromium overrides the browser.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { APP, Checks, RUN, SANDBOX, api, caseReaches, keyOf, openTask, poll } from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..', '..');
const SHOTS = join(REPO, 'target', 'e2e');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PLAYWRIGHT = join(REPO, 'console', 'node_modules', 'playwright-core', 'index.mjs');
const CONSOLE = `${APP}/console/`;
const WAIT = 60_000; // a page's data and drawings on a busy laptop
const checks = new Checks();
mkdirSync(SHOTS, { recursive: true });

if (!existsSync(CHROMIUM)) {
  await checks.run('console: a Chromium to drive', () => { throw new Error(`${CHROMIUM} is missing (Debian: apt-get install chromium)`); });
  checks.end();
  process.exit();
}
if (!existsSync(PLAYWRIGHT)) {
  await checks.run('console: playwright-core', () => { throw new Error(`${PLAYWRIGHT} is missing: the build installs it (console/build.sh)`); });
  checks.end();
  process.exit();
}
const { chromium } = await import(PLAYWRIGHT);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });

/** A fresh browser window signed in through the console's own sign-in form, in that language. */
async function signIn(user, language) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: language === 'zh' ? 'zh-CN' : 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((lang) => localStorage.setItem('aftersales.console.language', lang), language);
  await page.goto(CONSOLE);
  await page.waitForSelector('#login');
  await page.fill('input[name=user]', user);
  await page.fill('input[name=password]', user);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#bar [data-nav="cases"]'); // the navigation appears once signed in
  page.errors = errors;
  return page;
}

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage: true });
const noPageErrors = (page) => {
  if (page.errors.length) throw new Error(`errors in the page: ${page.errors.join('; ')}`);
};

// ------------------------------------------------------------------------------------------ auditor

const refunded = await checks.run('console: the refunded quality return of return-flow.mjs is in the case search', async () => {
  const found = await api('GET', '/api/after-sales/cases?orderId=DEMO-QUALITY&status=REFUNDED', 'auditor');
  if (!found.items?.length) throw new Error(`no refunded DEMO-QUALITY case: ${JSON.stringify(found)}`);
  return found.items[0].caseId;
});

if (refunded) {
  const page = await signIn('auditor', 'en');
  await checks.run('console/auditor: finds the refunded case by order and status', async () => {
    await page.goto(`${CONSOLE}#/cases`);
    await page.fill('input[name=orderId]', 'DEMO-QUALITY');
    await page.selectOption('select[name=status]', 'REFUNDED');
    await page.click('#search button[type=submit]');
    const link = page.locator(`a.case-link[href="#/cases/${refunded}"]`);
    await link.waitFor();
    await shot(page, 'auditor-search');
    await link.click();
    await page.waitForSelector('#money table.money');
    const refund = await page.locator('#money tr.total td').innerText();
    if (!refund.includes('271.00')) throw new Error(`refund shown as ${refund}`);
    return `case ${refunded.slice(0, 8)}, refund ${refund}`;
  });
  await checks.run('console/auditor: the path is drawn on the return process, the eligibility row matched', async () => {
    await page.waitForFunction(() => Number(document.querySelector('#diagram')?.dataset.visited ?? 0) > 0);
    const marked = await page.locator('#diagram .path-visited').count();
    const row = page.locator('[data-decision="return-eligibility"] .dmn td.matched-row');
    await row.first().waitFor();
    const matched = await page.locator('[data-decision="return-eligibility"] .matched').innerText();
    if (!/row 2/.test(matched)) throw new Error(`matched rule shown as "${matched}"`);
    const calls = await page.locator('table.calls tbody tr').count();
    const key = await page.locator('table.calls').innerText();
    if (!key.includes(`${refunded}:refund`)) throw new Error('the refund call\'s idempotency key is not shown');
    const human = await page.locator('table.humans').innerText();
    if (!human.includes('agent') || !human.includes('APPROVE')) throw new Error(`human actions: ${human}`);
    noPageErrors(page);
    await shot(page, 'auditor-case');
    await page.locator('#path').screenshot({ path: join(SHOTS, 'console-auditor-path.png') });
    await page.locator('[data-decision="return-eligibility"]').screenshot({ path: join(SHOTS, 'console-auditor-decision.png') });
    return `${marked} elements and flows marked; ${matched.split('\n')[0]}; ${calls} external calls with their keys`;
  });
  await checks.run('console/auditor: the language switch shows the page in Chinese', async () => {
    await page.click('#language');
    await page.waitForFunction(() => document.querySelector('#money h2')?.textContent === '金额');
    const title = await page.locator('h1').innerText();
    await page.click('#language'); // back to English for whoever signs in next in this browser
    await page.waitForFunction(() => document.querySelector('#money h2')?.textContent === 'Money');
    return title.split('\n')[0];
  });
  await page.context().close();
}

// ------------------------------------------------------------------------------------------ process owner

{
  const page = await signIn('owner', 'zh');
  await checks.run('console/owner: the KPI dashboard draws its charts (Chinese labels)', async () => {
    await page.goto(`${CONSOLE}#/kpis`);
    await page.waitForSelector('.charts[data-ready="true"]');
    const charts = await page.locator('.charts canvas').count();
    const opened = await page.locator('.figure .value').first().innerText();
    if (charts < 7 || Number(opened) < 1) throw new Error(`${charts} charts, ${opened} cases opened`);
    const title = await page.locator('h1').innerText();
    if (title !== '运营指标') throw new Error(`title "${title}"`);
    noPageErrors(page);
    await shot(page, 'owner-kpis');
    return `${charts} charts, ${opened} cases opened in the period`;
  });
  await checks.run('console/owner: the period\'s KPIs export as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    if (csv.trim().split('\n').length < 2) throw new Error(`CSV: ${csv.slice(0, 200)}`);
    return `${download.suggestedFilename()}: ${csv.trim().split('\n').length} lines`;
  });
  if (refunded) {
    await checks.run('console/owner: a what-if with a 5-day window for quality problems would reject the refunded case', async () => {
      const candidate = join(SHOTS, 'candidate-return-eligibility.dmn');
      writeFileSync(candidate, shorterQualityWindow(readFileSync(join(REPO, 'bpmn', 'return-eligibility.dmn'), 'utf8')));
      await page.goto(`${CONSOLE}#/what-if`);
      await page.selectOption('select[name=decision]', 'return-eligibility');
      await page.setInputFiles('input[name=dmn]', candidate);
      await page.click('#whatif button[type=submit]');
      await page.waitForSelector('#outcome .figures, #outcome .error');
      const error = await page.locator('#outcome .error').allInnerTexts();
      if (error.length) throw new Error(`what-if refused: ${error.join(' ')}`);
      const changed = await page.locator(`#outcome a[href="#/cases/${refunded}"]`).count();
      const row = changed ? await page.locator(`#outcome tr:has(a[href="#/cases/${refunded}"])`).innerText() : '';
      if (!changed || !row.includes('AUTO_REJECT')) throw new Error(`the refunded case is not among the changed: ${await page.locator('#outcome').innerText()}`);
      noPageErrors(page);
      await shot(page, 'owner-what-if');
      return `${await page.locator('#changed').innerText()} evaluations would change; the refunded case: ${row.replace(/\s+/g, ' ').slice(0, 160)}`;
    });
  }
  await page.context().close();
}

// ------------------------------------------------------------------------------------------ agent

// DEMO-INSURED: one claim per unit, and return-flow.mjs claimed DEMO-QUALITY's kettle
const caseId = await checks.run('console/agent: a quality return waits for an evidence review', async () => api('POST', '/api/after-sales/requests', 'channel', {
  channel: 'PINDUODUO', channelRequestId: `e2e-console-${RUN}`, orderId: 'DEMO-INSURED', type: 'RETURN', reason: 'QUALITY',
  description: '穿了两天鞋底开胶 (sole came off after two days)', unopened: false, lines: [{ sku: 'SKU-RUNNING-SHOES-42', quantity: 1 }],
  evidence: [{ url: `${SANDBOX}/evidence/damaged-shoe-sole.svg`, kind: 'PHOTO' }],
}).then((opened) => opened.caseId));

// A VIP customer's opened no-reason return waits for a review too: the list shows it first, its tier marked.
const vipCaseId = await checks.run('console/agent: a VIP customer\'s opened return waits for a review too', async () => api('POST', '/api/after-sales/requests', 'channel', {
  channel: 'JD', channelRequestId: `e2e-console-vip-${RUN}`, orderId: 'DEMO-VIP-OPENED', type: 'RETURN', reason: 'NO_REASON',
  description: '拆封试戴后不想要了 (opened, changed my mind)', unopened: false, lines: [{ sku: 'SKU-EARBUDS-BLACK', quantity: 1 }],
  evidence: [],
}).then((opened) => opened.caseId));
const vipTask = vipCaseId ? await checks.run('console/agent: the VIP\'s review is open', () => openTask(vipCaseId, 'UserTask_ReviewEvidence')) : null;

if (caseId) {
  const task = await checks.run('console/agent: the review is open', () => openTask(caseId, 'UserTask_ReviewEvidence'));
  if (task) {
    const page = await signIn('agent', 'zh');
    await checks.run('console/agent: the review is in the agent\'s list of the qc-team, by priority', async () => {
      await page.goto(`${CONSOLE}#/tasks`);
      const link = page.locator(`a.task-link[href="#/tasks/${keyOf(task)}"]`);
      await link.waitFor();
      // the row names its case: a link to the case page, the case's order beside it
      const row = page.locator('table.tasks tr', { has: link });
      const caseHref = await row.locator('a.case-link').getAttribute('href');
      if (caseHref !== `#/cases/${caseId}`) throw new Error(`the task's row links to ${caseHref}, not to its case`);
      if (!(await row.innerText()).includes('DEMO-INSURED')) throw new Error('the task\'s row does not show its order');
      if (vipTask) {
        const vipRow = page.locator('table.tasks tr', { has: page.locator(`a.task-link[href="#/tasks/${keyOf(vipTask)}"]`) });
        const tier = await vipRow.locator('.badge.vip').innerText();
        if (tier !== 'VIP2') throw new Error(`the VIP's task is marked "${tier}", not VIP2`);
      }
      await shot(page, 'agent-tasks');
      await link.click();
      await page.waitForSelector('#form .fjs-form');
      await page.waitForSelector('#case-side #case-status');
      noPageErrors(page);
      return `task ${keyOf(task)}, priority ${task.priority}`;
    });
    await checks.run('console/agent: the case\'s path waits at the evidence review (marked on the diagram)', async () => {
      await page.goto(`${CONSOLE}#/cases/${caseId}`);
      await page.waitForFunction(() => Number(document.querySelector('#diagram')?.dataset.visited ?? 0) > 0);
      const waiting = await page.locator('#diagram .path-current').count();
      if (waiting < 1) throw new Error('no current wait marked');
      await page.locator('#path').screenshot({ path: join(SHOTS, 'console-agent-case-waiting.png') });
      const shown = await page.locator('#path-tabs button.active').innerText();
      return `${waiting} element marked as the current wait, in "${shown}"`;
    });
    await checks.run('console/agent: approves in the form beside the case, and the case moves on', async () => {
      await page.goto(`${CONSOLE}#/tasks/${keyOf(task)}`);
      await page.waitForSelector('#form .fjs-form');
      await page.waitForSelector('#case-side #case-status');
      await page.locator(formOption('evidence-review', 'reviewDecision', 'APPROVE')).check();
      await page.locator(formField('evidence-review', 'reviewNote')).fill('照片中鞋底开胶清晰可见（控制台 e2e）');
      await shot(page, 'agent-task');
      await page.click('#submit');
      await page.waitForSelector('#done:not([hidden])');
      await poll('the case beside the form shows the new status', async () =>
        (await page.locator('#case-side').getAttribute('data-status')) === 'AWAITING_PARCEL');
      const view = await caseReaches(caseId, 'AWAITING_PARCEL');
      const timeline = await api('GET', `/api/after-sales/cases/${caseId}/timeline`, 'auditor');
      const review = timeline.find((e) => e.kind === 'HUMAN_TASK' && e.details?.task === 'evidence-review');
      if (review?.details.assignee !== 'agent' || review.details.formData?.reviewDecision !== 'APPROVE') {
        throw new Error(`timeline review ${JSON.stringify(review?.details)}`);
      }
      noPageErrors(page);
      await shot(page, 'agent-task-done');
      return `AWAITING_PARCEL, urgent ${view.urgent}, tracking ${view.trackingNumber}; reviewed by ${review.details.assignee}`;
    });
    await page.context().close();
  }
}

await browser.close();
checks.end();

/** The form's component of that key (forms/<formId>.form): form-js names its inputs after the component id. */
function formComponent(formId, key) {
  const walk = (components) => components.flatMap((c) => [c, ...walk(c.components ?? [])]);
  const schema = JSON.parse(readFileSync(join(REPO, 'forms', `${formId}.form`), 'utf8'));
  const component = walk(schema.components).find((c) => c.key === key);
  if (!component) throw new Error(`forms/${formId}.form has no field ${key}`);
  return component;
}

/** The radio input of one option of a form field. */
function formOption(formId, key, value) {
  const component = formComponent(formId, key);
  const index = (component.values ?? []).findIndex((v) => v.value === value);
  if (index < 0) throw new Error(`forms/${formId}.form: ${key} has no option ${value}`);
  return `#form input[id$="-${component.id}-${index}"]`;
}

/** The input of a form field. */
function formField(formId, key) {
  return `#form [id$="-${formComponent(formId, key).id}"]`;
}

/** The eligibility DMN with the quality window (rule Rule_QualityWindow of return-window) at 5 days instead of 15. */
function shorterQualityWindow(xml) {
  const rule = xml.match(/<rule id="Rule_QualityWindow">[\s\S]*?<\/rule>/);
  if (!rule) throw new Error('bpmn/return-eligibility.dmn has no rule Rule_QualityWindow');
  const changed = rule[0].replace(/<outputEntry([^>]*)>\s*<text>15<\/text>/, '<outputEntry$1>\n          <text>5</text>');
  if (changed === rule[0]) throw new Error('Rule_QualityWindow has no 15-day output');
  return xml.replace(rule[0], changed);
}
