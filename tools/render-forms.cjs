// node render-forms.cjs ROOT — see tools/render-forms. Renders each form with each sample of
// target/form-samples in the form-js viewer (headless Chromium) and reports every empty fact.
'use strict';
const fs = require('fs'), os = require('os'), path = require('path');
const MODULES = process.env.NODE_PATH.split(path.delimiter)[0];
const puppeteer = require(path.join(MODULES, 'puppeteer-core'));
const FORM_JS = path.join(MODULES, '@bpmn-io/form-js/dist/form-viewer.umd.js');
const FORM_CSS = path.join(MODULES, '@bpmn-io/form-js/dist/assets/form-js.css');

const root = process.argv[2];
const samplesDir = path.join(root, 'target', 'form-samples');
const rendersDir = path.join(root, 'target', 'form-renders');

/** Every user task of every BPMN: { processId, elementId, formId }. */
function userTasks() {
  const tasks = [];
  for (const file of fs.readdirSync(path.join(root, 'bpmn')).filter(f => f.endsWith('.bpmn')).sort()) {
    const xml = fs.readFileSync(path.join(root, 'bpmn', file), 'utf8');
    for (const p of xml.matchAll(/<bpmn:process\b[^>]*?\bid="([^"]+)"[\s\S]*?<\/bpmn:process>/g)) {
      for (const t of p[0].matchAll(/<bpmn:userTask\b[^>]*?\bid="([^"]+)"[\s\S]*?<\/bpmn:userTask>/g)) {
        const form = t[0].match(/<zeebe:formDefinition\b[^>]*?\bformId="([^"]+)"/);
        tasks.push({ processId: p[1], elementId: t[1], formId: form ? form[1] : null, file });
      }
    }
  }
  return tasks;
}

function samples() {
  const all = [];
  for (const formId of fs.existsSync(samplesDir) ? fs.readdirSync(samplesDir).sort() : []) {
    for (const f of fs.readdirSync(path.join(samplesDir, formId)).filter(f => f.endsWith('.json')).sort()) {
      all.push({ file: path.join(formId, f), ...JSON.parse(fs.readFileSync(path.join(samplesDir, formId, f), 'utf8')) });
    }
  }
  return all;
}

/** Runs in the page: imports the form with the sample's variables and checks every visible fact. */
async function checkInPage(schema, data) {
  const problems = [], errors = [];
  const el = document.getElementById('c');
  el.innerHTML = '';
  let form;
  try {
    form = await window.FormViewer.createForm({ container: el, schema, data });
  } catch (e) {
    return { problems: [ 'form-js cannot import the form: ' + e.message ] };
  }
  form.on('error', e => errors.push(String(e.error && e.error.message || e.error || e)));
  const feel = form.get('expressionLanguage'), conditions = form.get('conditionChecker');
  const value = (expr, ctx) => feel.evaluate('=' + expr, ctx);
  const empty = v => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  const hidden = c => !!(c.conditional && c.conditional.hide && conditions.check(c.conditional.hide, data) === true);

  const template = (text, ctx, where) => {
    const rest = text.replace(/\{\{\s*#loop\s+([\s\S]*?)\}\}([\s\S]*?)\{\{\s*\/loop\s*\}\}/g, (m, source, body) => {
      const list = value(source, ctx);
      if (!Array.isArray(list) || list.length === 0) {
        problems.push(`${where}: {{#loop ${source.trim()}}} shows nothing (${JSON.stringify(list)})`);
      } else {
        list.forEach((item, i) => template(body, { ...ctx, ...item, this: item, parent: ctx },
          `${where} (${source.trim()} #${i + 1})`));
      }
      return '';
    });
    for (const m of rest.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
      const expr = m[1].trim();
      if (/^[#/]/.test(expr)) { problems.push(`${where}: {{${expr}}} is not checked by this tool (only #loop is)`); continue; }
      const v = value(expr, ctx);
      // an if-expression may add nothing on purpose ("" for "no suffix"); a fact may not
      if (v === '' && /^if\b/.test(expr)) continue;
      if (empty(v)) problems.push(`${where}: {{${expr.length > 80 ? expr.slice(0, 77) + '...' : expr}}} is empty (${JSON.stringify(v)})`);
    }
  };
  const walk = components => {
    for (const c of components || []) {
      if (hidden(c)) continue;
      if (c.type === 'text' && typeof c.text === 'string') template(c.text, data, c.id);
      if ((c.type === 'radio' || c.type === 'select') && c.valuesExpression) {
        const options = feel.evaluate(c.valuesExpression, data);
        if (!Array.isArray(options) || options.length === 0) problems.push(`${c.id}: the choice "${c.label}" has no options`);
      }
      if (c.type === 'table' && typeof c.dataSource === 'string' && c.dataSource.startsWith('=')) {
        const rows = feel.evaluate(c.dataSource, data);
        if (!Array.isArray(rows) || rows.length === 0) problems.push(`${c.id}: the table "${c.label}" has no rows`);
      }
      walk(c.components);
    }
  };
  walk(schema.components);

  // What the agent reads: no empty cell, no dangling word or label, no "null".
  el.querySelectorAll('.fjs-form-field-text td').forEach(td => {
    if (!td.innerText.trim()) problems.push(`an empty table cell in "${td.closest('tr').innerText.replace(/\s+/g, ' ').trim()}"`);
  });
  const shown = [ ...el.querySelectorAll('.fjs-form-field-text') ].map(t => t.innerText).join('\n');
  for (const [ re, what ] of [ [ /(^|[\s|(])of\s*($|[|)\n])|(^|\n|\|)\s*of\b/m, 'a dangling "of"' ],
    [ /\b(null|undefined|NaN)\b|\[object Object\]/, 'a "null"/"undefined"' ],
    [ /:\s*(\n|$)/, 'a label with nothing after it' ],
    [ /¥\s*(\s|$|\|)/m, 'an amount without a number' ] ]) {
    const m = shown.match(re);
    if (m) problems.push(`the form shows ${what}: "…${shown.slice(Math.max(0, m.index - 40), m.index + 20).replace(/\s+/g, ' ')}…"`);
  }
  errors.forEach(e => problems.push('form-js reports: ' + e));
  const b = el.getBoundingClientRect();
  return { problems, w: Math.ceil(b.width), h: Math.ceil(b.height) };
}

(async () => {
  const tasks = userTasks(), all = samples();
  const forms = new Map(fs.readdirSync(path.join(root, 'forms')).filter(f => f.endsWith('.form'))
    .map(f => JSON.parse(fs.readFileSync(path.join(root, 'forms', f), 'utf8'))).map(f => [ f.id, f ]));
  let failed = 0;
  const fail = line => { failed++; console.log('  FAIL ' + line); };

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'render-forms-chromium-'));
  const html = path.join(profile, 'page.html');
  fs.writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="file://${FORM_CSS}">
    <style>html,body{margin:0;background:#fff;font-family:Arial,sans-serif}#c{width:760px}</style></head><body><div id="c"></div></body></html>`);
  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_BIN, headless: true, userDataDir: profile,
    args: [ '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage' ] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 760, height: 900 });
    await page.goto('file://' + html, { waitUntil: 'load' });
    await page.addScriptTag({ path: FORM_JS });

    for (const task of tasks) {
      const flow = `${task.processId} › ${task.elementId}`;
      if (!task.formId || !forms.has(task.formId)) { fail(`${flow}: no form "${task.formId}" in forms/`); continue; }
      const mine = all.filter(s => s.processId === task.processId && s.elementId === task.elementId);
      if (!mine.length) { fail(`${flow} (${task.formId}): no test opened this task, so no sample shows what the form gets`); continue; }
      let shot = false, bad = 0;
      for (const sample of mine) {
        const r = await page.evaluate(checkInPage, forms.get(task.formId), sample.variables);
        if (r.problems.length) {
          bad++;
          fail(`${flow} (${task.formId}) with target/form-samples/${sample.file}:`);
          r.problems.forEach(p => console.log('         ' + p));
        }
        if (!shot && r.w) {
          const png = path.join(rendersDir, task.formId, `${task.processId}.${task.elementId}.png`);
          fs.mkdirSync(path.dirname(png), { recursive: true });
          await page.setViewport({ width: 760, height: Math.max(r.h, 100) });
          await (await page.$('#c')).screenshot({ path: png });
          shot = true;
        }
      }
      if (!bad) console.log(`  ok   ${flow} (${task.formId}): ${mine.length} sample(s)`);
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(failed ? `render-forms: ${failed} problem(s)` : `render-forms: every form shows its facts in every flow (${tasks.length} user tasks); renders in ${path.relative(root, rendersDir)}/`);
  process.exit(failed ? 1 : 0);
})().catch(e => { console.error('render-forms: ' + e.stack); process.exit(2); });
