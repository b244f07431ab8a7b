// The console's shell: sign-in, the navigation of the three roles, the language switch and the hash routes
// (#/cases, #/cases/{caseId}, #/kpis, #/what-if, #/tasks, #/tasks/{taskKey}). Each page is loaded on demand.
import './style.css';
import { session, ApiError } from './lib/api.js';
import { t, setLanguage, language } from './lib/i18n.js';
import { esc } from './lib/format.js';
import { showError } from './lib/ui.js';

const LANGUAGE_STORE = 'aftersales.console.language';
setLanguage(localStorage.getItem(LANGUAGE_STORE) ?? 'zh');

const ROUTES = [
  { pattern: /^#\/login$/, page: () => import('./pages/login.js') },
  { pattern: /^#\/cases\/([^/?]+)$/, page: () => import('./pages/case.js') },
  { pattern: /^#\/cases(?:\?.*)?$/, page: () => import('./pages/cases.js') },
  { pattern: /^#\/kpis(?:\?.*)?$/, page: () => import('./pages/kpis.js') },
  { pattern: /^#\/what-if$/, page: () => import('./pages/whatif.js') },
  { pattern: /^#\/tasks\/([^/?]+)$/, page: () => import('./pages/task.js') },
  { pattern: /^#\/tasks(?:\?.*)?$/, page: () => import('./pages/tasks.js') },
];

function renderBar() {
  const bar = document.getElementById('bar');
  const user = session.user;
  document.documentElement.lang = language();
  document.title = t('app.title');
  bar.innerHTML = `
    <span class="brand">${esc(t('app.title'))}</span>
    ${user ? `<nav>
      <span class="role">${esc(t('role.auditor'))}</span><a href="#/cases" data-nav="cases">${esc(t('nav.cases'))}</a>
      <span class="role">${esc(t('role.owner'))}</span><a href="#/kpis" data-nav="kpis">${esc(t('nav.kpis'))}</a>
      <a href="#/what-if" data-nav="what-if">${esc(t('nav.whatIf'))}</a>
      <span class="role">${esc(t('role.agent'))}</span><a href="#/tasks" data-nav="tasks">${esc(t('nav.tasks'))}</a>
    </nav>` : '<nav></nav>'}
    <span class="user">${user ? esc(user) : ''}</span>
    <button type="button" id="language">${esc(t('nav.language'))}</button>
    ${user ? `<button type="button" id="logout">${esc(t('nav.logout'))}</button>` : ''}`;
  bar.querySelector('#language').onclick = () => {
    localStorage.setItem(LANGUAGE_STORE, setLanguage(language() === 'zh' ? 'en' : 'zh'));
    route();
  };
  const logout = bar.querySelector('#logout');
  if (logout) logout.onclick = () => { session.signOut(); location.hash = '#/login'; };
  const section = location.hash.split(/[/?]/)[1];
  bar.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === section));
}

let rendering = 0;

async function route() {
  const hash = location.hash || '#/cases';
  if (!session.user && hash !== '#/login') {
    sessionStorage.setItem('aftersales.console.next', hash);
    location.hash = '#/login';
    return;
  }
  renderBar();
  const page = document.getElementById('page');
  const match = ROUTES.map((r) => ({ r, m: hash.match(r.pattern) })).find((x) => x.m);
  if (!match) { location.hash = '#/cases'; return; }
  const mine = ++rendering;
  page.innerHTML = `<p class="muted">${esc(t('common.loading'))}</p>`;
  try {
    const module = await match.r.page();
    if (mine !== rendering) return;
    await module.render(page, { params: match.m.slice(1).map(decodeURIComponent), query: new URLSearchParams(hash.split('?')[1] ?? ''), isCurrent: () => mine === rendering });
  } catch (error) {
    if (mine !== rendering) return;
    if (error instanceof ApiError && error.status === 401) {
      session.signOut();
      location.hash = '#/login';
      return;
    }
    console.error(error);
    showError(page, error);
  }
}

window.addEventListener('hashchange', route);
route();
