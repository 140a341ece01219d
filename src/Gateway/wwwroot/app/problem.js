import { h } from './dom.js';
import { words } from './format.js';

/**
 * Shows an API error in slot (an element beside the form or action that failed): its sentence, its code, and any
 * per-field messages; with a form, each field named in errors is marked invalid and gets its message under it.
 */
export function showProblem(slot, error, form) {
  const fields = Object.entries(error.errors ?? {});
  slot.replaceChildren(h('div', { class: 'problem', role: 'alert' },
    h('p', {}, h('strong', {}, error.message)),
    error.code && h('p', {}, 'Code: ', h('code', {}, error.code)),
    fields.length > 0 && h('ul', {}, fields.map(([name, messages]) => h('li', {}, h('code', {}, name), ': ', messages.join(' ')))),
    error.rows?.length > 0 && h('p', {}, `Rows: ${error.rows.map(row => `${row.row} (${words(row.reason)})`).join(', ')}`)));
  if (!form) return;
  clearFieldErrors(form);
  for (const [name, messages] of fields) {
    const container = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (!container) continue;
    const control = container.querySelector('input, select, textarea');
    const id = `${control.id}-error`;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
    container.append(h('p', { class: 'field-error', id }, messages.join(' ')));
  }
}

/** Takes away what showProblem put in slot and on form. */
export function clearProblem(slot, form) {
  slot.replaceChildren();
  if (form) clearFieldErrors(form);
}

function clearFieldErrors(form) {
  for (const message of form.querySelectorAll('.field-error')) {
    const control = message.parentElement.querySelector('[aria-invalid]');
    control?.removeAttribute('aria-invalid');
    const rest = control?.getAttribute('aria-describedby')?.replace(message.id, '').trim();
    if (rest) control.setAttribute('aria-describedby', rest);
    else control?.removeAttribute('aria-describedby');
    message.remove();
  }
}
