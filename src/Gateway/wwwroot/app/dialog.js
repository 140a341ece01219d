import { h } from './dom.js';

/**
 * Asks before an action, in a modal <dialog>: showModal keeps focus inside and Escape cancels; focus then returns to
 * the control that asked. fields (form controls) make it a small form. Answers its FormData, or null when cancelled.
 */
export function confirmAction({ title, message, confirmLabel, danger = false, fields = [] }) {
  const opener = document.activeElement;
  const titleId = 'confirm-title';
  const form = h('form', { method: 'dialog' },
    h('h2', { id: titleId }, title),
    h('p', {}, message),
    fields,
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', value: 'cancel', formNoValidate: true }, 'Keep as is'),
      h('button', { type: 'submit', value: 'confirm', class: danger ? 'danger' : 'primary' }, confirmLabel)));
  const dialog = h('dialog', { 'aria-labelledby': titleId }, form);
  document.body.append(dialog);
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm' ? new FormData(form) : null);
      dialog.remove();
      if (opener?.isConnected) opener.focus();
    });
    dialog.showModal();
  });
}
