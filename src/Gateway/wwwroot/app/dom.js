// Builds DOM nodes, never HTML strings, so nothing the API returns is ever parsed as markup.

const SVG = 'http://www.w3.org/2000/svg';

/** An HTML element: h('button', { type: 'button', onclick }, 'Label'). Null, undefined and false props or children are left out. */
export const h = (tag, props, ...children) => assemble(document.createElement(tag), props, children);

/** An SVG element, whose attributes are always attributes. */
export const svg = (tag, attrs, ...children) => assemble(document.createElementNS(SVG, tag), attrs, children);

function assemble(element, props, children) {
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    // Properties where the element has one (value, checked, hidden …), so a later edit by the user is what is read back.
    else if (name in element && !(element instanceof SVGElement) && name !== 'list') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...present(children));
  return element;
}

const present = children => children.flat(Infinity).filter(child => child != null && child !== false);

/** Replaces element's children, leaving out null, undefined and false as h does. */
export const fill = (element, ...children) => element.replaceChildren(...present(children));

/**
 * Replaces a live-updated part of the page without losing the user's place: the control that had focus there is
 * found again by its data-key, else focus goes to the first control left there, else to fallback (never to the body).
 */
export function rebuild(container, children, fallback) {
  const focused = container.contains(document.activeElement) ? document.activeElement.dataset.key ?? '' : null;
  fill(container, children);
  if (focused === null) return;
  const again = focused && container.querySelector(`[data-key="${CSS.escape(focused)}"]`);
  (again || container.querySelector('button:not(:disabled), a[href], input, select') || fallback)?.focus();
}

/** A labelled form control with an optional hint and a place for the API's message about it (data-field names it). */
export function field(label, control, { hint, name = control.name } = {}) {
  const hintId = hint && `${control.id}-hint`;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: control.id }, label),
    control,
    hint && h('p', { class: 'hint', id: hintId }, hint));
}

/**
 * A table under its column headings, in a region named label that scrolls sideways when too wide (focusable, so the
 * keyboard can scroll it too). With stack, a narrow screen shows each row as a block instead, each cell after its
 * column's name (its data-label).
 */
export function table(label, columns, body, { caption, stack = false } = {}) {
  const element = h('table', { class: stack && 'stack' },
    caption && h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col' }, column)))),
    body);
  if (stack) {
    for (const row of element.querySelectorAll('tbody tr')) {
      [...row.cells].forEach((cell, i) => { if (cell.colSpan === 1) cell.dataset.label = columns[i]; });
    }
  }
  return h('div', { class: 'scroller', role: 'region', 'aria-label': label, tabindex: 0 }, element);
}
