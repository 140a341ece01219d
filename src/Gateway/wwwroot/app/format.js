import { h } from './dom.js';

export const JOB_STATUSES = ['pending', 'scheduled', 'running', 'paused', 'completed', 'failed', 'cancelled'];
export const FINAL_JOB_STATUSES = ['completed', 'failed', 'cancelled'];
export const CONTACT_STATUSES = ['pending', 'queued', 'dialing', 'no_answer', 'busy', 'timeout', 'voicemail', 'completed',
  'failed', 'blocked', 'invalid_number', 'carrier_error', 'cancelled'];

/** Wire names (no_answer) read as words (no answer). */
export const words = name => String(name).replaceAll('_', ' ');

/** A status as a coloured chip; the colour only repeats the word. */
export const chip = status => h('span', { class: `chip chip-${status}` }, words(status));

const numbers = new Intl.NumberFormat();
export const count = n => numbers.format(n ?? 0);

const formats = new Map();
function formatIn(timeZone) {
  const options = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' };
  if (!formats.has(timeZone ?? '')) {
    let format;
    try {
      format = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    } catch {
      // A zone newer than this browser's time-zone data: UTC, which the zone name beside it makes plain.
      format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });
    }
    formats.set(timeZone ?? '', format);
  }
  return formats.get(timeZone ?? '');
}

/** A <time> for an API instant, shown in timeZone (the browser's when omitted), with UTC on hover; a dash when unknown. */
export function when(iso, timeZone) {
  if (!iso) return h('span', { class: 'none' }, '—');
  const instant = new Date(iso);
  return h('time', { dateTime: iso, title: `${instant.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC` },
    formatIn(timeZone).format(instant));
}

/** Whole seconds for people: 93 → "1 min 33 s". */
export function seconds(total) {
  if (total == null) return '—';
  const hours = Math.floor(total / 3600), minutes = Math.floor(total / 60) % 60, rest = Math.round(total % 60);
  return [hours && `${hours} h`, minutes && `${minutes} min`, (rest || total < 60) && `${rest} s`].filter(Boolean).join(' ');
}

/** The IANA zones this browser knows, UTC first. */
function timeZones() {
  const zones = Intl.supportedValuesOf('timeZone');
  return ['UTC', ...zones.filter(zone => zone !== 'UTC')];
}

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A <select> of every zone, with selected chosen. */
export const zoneSelect = (props, selected) =>
  h('select', props, timeZones().map(zone => h('option', { value: zone, selected: zone === selected }, zone)));

/** A datetime-local value ("2026-03-01T10:00") as the API's wall-clock time, read in the job's zone. */
export const wallClock = local => (local.length === 16 ? `${local}:00` : local);
