// Sign in with a user of the application (HTTP Basic); the credentials stay in this browser tab only.
import { session, getJson, ApiError } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { esc } from '../lib/format.js';

export async function render(page) {
  page.innerHTML = `
    <form class="login card" id="login">
      <h1>${esc(t('login.title'))}</h1>
      <label>${esc(t('login.user'))} <input name="user" autocomplete="username" required></label>
      <label>${esc(t('login.password'))} <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">${esc(t('login.submit'))}</button>
      <p class="error" hidden></p>
    </form>`;
  const form = page.querySelector('#login');
  form.onsubmit = async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    session.signIn(data.get('user'), data.get('password'));
    try {
      // Any read the user's role allows proves the password; a 403 still means the password was right.
      await getJson('/api/tasks?state=CREATED&assignee=' + encodeURIComponent(data.get('user')));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401) {
        session.signOut();
        const line = form.querySelector('.error');
        line.hidden = false;
        line.textContent = t('login.failed');
        return;
      }
    }
    const next = sessionStorage.getItem('aftersales.console.next');
    sessionStorage.removeItem('aftersales.console.next');
    location.hash = next && next !== '#/login' ? next : '#/cases';
  };
}
