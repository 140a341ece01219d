import { getJson, signIn } from '../api.js';
import { field, h } from '../dom.js';
import { showProblem } from '../problem.js';

/** The sign-in form: the key is tried on the job list before it is kept, so a wrong one is said at once. */
export function signInView(main, { reason, done }) {
  document.title = 'Sign in · Batch calls';
  const key = h('input', { id: 'api-key', name: 'apiKey', type: 'password', required: true, autocomplete: 'off', spellcheck: false });
  const errors = h('div', {}, reason && h('p', { class: 'notice', role: 'status' }, reason));
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', {
    class: 'card narrow',
    onsubmit: async event => {
      event.preventDefault();
      submit.disabled = true;
      try {
        await getJson('/batch/jobs?pageSize=1', { key: key.value.trim() });
        signIn(key.value.trim());
        done();
      } catch (error) {
        showProblem(errors, error);
        key.focus();
      } finally {
        submit.disabled = false;
      }
    },
  },
  field('API key', key, { hint: 'Your organization’s API key. It is kept in this browser tab until you sign out or close the browser, and sent only as a request header.' }),
  errors,
  submit);
  main.replaceChildren(h('h1', { tabindex: -1 }, 'Sign in'), form);
}
