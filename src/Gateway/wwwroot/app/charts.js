import { h, svg } from './dom.js';
import { CONTACT_STATUSES, count, words } from './format.js';

/**
 * The contacts by status as horizontal bars, one per status present, in the order contacts move through them.
 * Each bar is labelled with its status and number, so the chart reads without its colours.
 */
export function breakdownChart(breakdown) {
  const present = CONTACT_STATUSES.filter(status => breakdown[status] > 0);
  const largest = Math.max(1, ...present.map(status => breakdown[status]));
  const rowHeight = 26, labelWidth = 120, barWidth = 240;
  const summary = present.map(status => `${words(status)} ${count(breakdown[status])}`).join(', ') || 'no contacts';
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${labelWidth + barWidth + 70} ${Math.max(1, present.length) * rowHeight}`, role: 'img', 'aria-label': `Contacts by status: ${summary}` },
      present.map((status, i) => svg('g', { transform: `translate(0 ${i * rowHeight})` },
        svg('text', { x: labelWidth - 8, y: 17, 'text-anchor': 'end', class: 'label' }, words(status)),
        svg('rect', { x: labelWidth, y: 4, height: 18, width: Math.max(2, barWidth * breakdown[status] / largest), class: `bar bar-${status}` }),
        svg('text', { x: labelWidth + Math.max(2, barWidth * breakdown[status] / largest) + 6, y: 17, class: 'label' }, count(breakdown[status]))))),
    h('figcaption', {}, 'Contacts by status now.'));
}

/**
 * Contacts finished over time, from the samples this page recorded ({ at: Date, done }), on a time axis from the
 * first sample to the last and a count axis from 0 to total.
 */
export function progressChart(samples, total, caption) {
  const width = 420, height = 180, left = 52, bottom = 24, top = 10, right = 12;
  const first = samples[0].at.getTime(), span = Math.max(1, samples.at(-1).at.getTime() - first);
  const x = at => left + (width - left - right) * (at.getTime() - first) / span;
  const y = done => top + (height - top - bottom) * (1 - done / Math.max(1, total));
  const last = samples.at(-1);
  const time = at => at.toLocaleTimeString();
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Contacts finished over time: ${count(last.done)} of ${count(total)} at ${time(last.at)}` },
      svg('line', { x1: left, y1: y(0), x2: width - right, y2: y(0), class: 'axis' }),
      svg('line', { x1: left, y1: top, x2: left, y2: y(0), class: 'axis' }),
      svg('text', { x: left - 6, y: y(total) + 10, 'text-anchor': 'end', class: 'label' }, count(total)),
      svg('text', { x: left - 6, y: y(0), 'text-anchor': 'end', class: 'label' }, '0'),
      svg('text', { x: left, y: height - 6, class: 'label' }, time(samples[0].at)),
      svg('text', { x: width - right, y: height - 6, 'text-anchor': 'end', class: 'label' }, time(last.at)),
      svg('polyline', { points: samples.map(s => `${x(s.at)},${y(s.done)}`).join(' '), class: 'line' })),
    h('figcaption', {}, caption));
}
