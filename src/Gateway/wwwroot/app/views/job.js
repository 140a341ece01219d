import { confirmed, jobActionButtons } from '../actions.js';
import { act, getJson, query, send } from '../api.js';
import { breakdownChart, progressChart } from '../charts.js';
import { field, fill, h, rebuild, table } from '../dom.js';
import { CONTACT_STATUSES, FINAL_JOB_STATUSES, chip, count, seconds, wallClock, when, words, zoneSelect } from '../format.js';
import { liveIndicator, watchJobs } from '../live.js';
import { showProblem } from '../problem.js';

const CONTACTS_PAGE_SIZE = 25;
const SAMPLES_KEPT = 1000;
// Contacts that may still be called: cancelling one of them means something.
const OPEN_CONTACT = ['pending', 'queued', 'dialing'];

/** One job: where it stands (live), its settings, its contacts with every call, and what can be done to it. */
export function jobView(main, { params: { id }, signal }) {
  const base = `/batch/jobs/${encodeURIComponent(id)}`;
  let job;
  const samples = [];
  const heading = h('h1', { tabindex: -1 }, 'Job');
  const status = h('p', { class: 'status-line' });
  const actions = h('div', { class: 'buttons', role: 'group', 'aria-label': 'Job actions' });
  const actionErrors = h('div');
  // A polite live region: a screen reader hears the status and counts as they change.
  const summary = h('div', { class: 'summary', role: 'status' });
  const charts = h('div', { class: 'charts' });
  const settings = h('dl', { class: 'settings' });
  const live = liveIndicator();
  const contacts = contactsSection();
  main.replaceChildren(heading, status, live.element, actions, actionErrors, summary,
    h('section', { 'aria-labelledby': 'charts-title' }, h('h2', { id: 'charts-title' }, 'Progress'), charts),
    contacts.section,
    h('section', { 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title' }, 'Settings'), settings));

  load().then(() => {
    if (!job) return;
    watchJobs([id], {
      // The event's job is the list's object: the detail's own fields stay, and a new status reads them all again.
      onJob: ({ job: current, statusBreakdown }) => {
        const moved = current.status !== job.status;
        update({ ...job, ...current, statusBreakdown });
        if (moved) load();
        else contacts.refreshSoon();
      },
      onGone: () => main.replaceChildren(h('h1', { tabindex: -1 }, 'Job deleted'),
        h('p', {}, 'This job no longer exists. ', h('a', { href: '#/jobs' }, 'Back to the jobs.'))),
      onState: live.onState,
    }, signal);
  });

  async function load() {
    try {
      // The history once, while there is none: after that the live updates extend it.
      const [detail, history] = await Promise.all([getJson(`${base}?contactsPageSize=1`, { signal }),
        samples.length === 0 && getJson(`${base}/progress`, { signal })]);
      if (history && samples.length === 0) samples.push(...history.points.map(p => ({ at: new Date(p.at), done: p.contactsProcessed })));
      update(detail);
      contacts.load();
    } catch (error) {
      if (!signal.aborted) showProblem(actionErrors, error);
    }
  }

  function update(next) {
    const statusChanged = job?.status !== next.status;
    job = next;
    document.title = `${job.name} · Batch calls`;
    heading.textContent = job.name;
    fill(status, chip(job.status), job.pauseReason && ` (${words(job.pauseReason)})`, ' ',
      h('span', { class: 'muted' }, `${job.id} · times in ${job.timezone}; hover a time for UTC`));
    if (statusChanged) rebuild(actions, actionButtons(), heading);
    fill(summary,
      h('progress', { max: Math.max(job.totalContacts, 1), value: job.contactsProcessed, 'aria-label': 'Contacts finished' }),
      h('p', {}, `Status: ${words(job.status)}. ${count(job.contactsProcessed)} of ${count(job.totalContacts)} contacts finished: ${count(job.successfulCalls)} completed, ${count(job.failedCalls)} failed.`),
      job.status === 'running' && job.estimatedCompletionTime && h('p', {}, 'Estimated completion: ', when(job.estimatedCompletionTime, job.timezone)));
    record();
    charts.replaceChildren(breakdownChart(job.statusBreakdown),
      samples.length > 1
        ? progressChart(samples, job.totalContacts, 'Contacts finished over time, from the job’s start (each contact’s completion time), then as the live updates come while this page is open.')
        : h('p', { class: 'muted' }, 'Progress over time is drawn once the job has started.'));
    settings.replaceChildren(...settingsOf(job));
  }

  /** A sample of progress from a live update, after the history the page loaded (or the job's start, when it had none). */
  function record() {
    if (!job.actualStartTime) return;
    if (samples.length === 0) samples.push({ at: new Date(job.actualStartTime), done: 0 });
    const finished = job.completedAt ?? job.cancelledAt;
    if (finished && samples.at(-1).done === job.contactsProcessed && samples.length > 1) return;
    samples.push({ at: finished ? new Date(finished) : new Date(), done: job.contactsProcessed });
    if (samples.length > SAMPLES_KEPT) samples.splice(1, 1);
  }

  function actionButtons() {
    const after = name => {
      if (name === 'delete') location.hash = '#/jobs';
      else load();
    };
    const buttons = jobActionButtons(job, { errorSlot: actionErrors, done: after });
    if (['pending', 'scheduled'].includes(job.status)) {
      buttons.push(h('button', { type: 'button', 'data-key': 'reschedule', onclick: reschedule }, 'Reschedule'));
    }
    buttons.push(h('button', { type: 'button', 'data-key': 'export', onclick: exportCsv }, 'Export CSV'));
    return buttons;
  }

  function reschedule() {
    const time = h('input', { id: 'reschedule-time', name: 'scheduledStartTime', type: 'datetime-local', required: true });
    confirmed({
      title: `Reschedule “${job.name}”`, message: 'The job starts at this time instead; the zone becomes the job’s zone.', confirmLabel: 'Reschedule',
      fields: [field('New start time', time), field('Time zone', zoneSelect({ id: 'reschedule-zone', name: 'timezone' }, job.timezone))],
    }, answers => act('PATCH', `${base}/reschedule?${query({ scheduledStartTime: wallClock(answers.get('scheduledStartTime')), timezone: answers.get('timezone') })}`),
    actionErrors, load);
  }

  /** The export, fetched with the key (a link could not carry it), then saved from memory. */
  async function exportCsv() {
    actionErrors.replaceChildren();
    try {
      const response = await send(`${base}/contacts.csv`, { headers: { Accept: 'text/csv' }, signal });
      const url = URL.createObjectURL(await response.blob());
      const named = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '');
      const link = h('a', { href: url, download: named?.[1] ?? `${job.id}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      if (!signal.aborted) showProblem(actionErrors, error);
    }
  }

  /** The contacts table: a status filter, pages, each contact's calls on demand, and a cancel for those still open. */
  function contactsSection() {
    const state = { status: '', page: 1 };
    const expanded = new Set();
    let refreshing;
    let loads = 0;
    const filter = h('select', { id: 'contact-status', name: 'contactStatus', onchange: () => { state.page = 1; load(); } },
      h('option', { value: '' }, 'All statuses'), CONTACT_STATUSES.map(s => h('option', { value: s }, words(s))));
    const errors = h('div');
    const rows = h('div');
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of contacts' });
    const section = h('section', { 'aria-labelledby': 'contacts-title' },
      h('h2', { id: 'contacts-title' }, 'Contacts'), h('div', { class: 'filters' }, field('Contact status', filter)), errors, rows, pager);

    async function load() {
      const ticket = ++loads;
      try {
        const page = await getJson(`${base}/contacts?${query({ status: filter.value, page: state.page, pageSize: CONTACTS_PAGE_SIZE })}`, { signal });
        // A refresh that was on its way when the filter or page changed is not drawn over the newer answer.
        if (ticket === loads) draw(page);
      } catch (error) {
        if (!signal.aborted) showProblem(errors, error);
      }
    }

    function draw({ contacts: list, total }) {
      errors.replaceChildren();
      rebuild(rows, [list.length === 0 ? h('p', { class: 'empty' }, 'No contact matches.')
        : table('Contact list', ['#', 'Name', 'Phone', 'Status', 'Attempts', 'Last call', 'Next attempt', 'Actions'], list.map(contactRows), { stack: true })], heading);
      const pages = Math.max(1, Math.ceil(total / CONTACTS_PAGE_SIZE));
      rebuild(pager, [
        h('button', { type: 'button', 'data-key': 'previous', disabled: state.page <= 1, onclick: () => { state.page--; load(); } }, 'Previous page'),
        h('span', {}, `Page ${state.page} of ${pages} (${count(total)} contacts)`),
        h('button', { type: 'button', 'data-key': 'next', disabled: state.page >= pages, onclick: () => { state.page++; load(); } }, 'Next page')], heading);
    }

    /** A contact's row, and its calls as a timeline beneath it when shown. */
    function contactRows(contact) {
      const who = contact.name || contact.phone;
      const callsId = `calls-${contact.index}`;
      const open = expanded.has(contact.index);
      const toggle = h('button', {
        type: 'button', 'aria-expanded': String(open), 'aria-controls': callsId, 'data-key': `calls:${contact.index}`, 'aria-label': `Calls (${contact.calls.length}) of ${who}`,
        onclick: () => {
          if (expanded.delete(contact.index)) toggle.setAttribute('aria-expanded', 'false');
          else { expanded.add(contact.index); toggle.setAttribute('aria-expanded', 'true'); }
          timeline.hidden = !expanded.has(contact.index);
        },
      }, `Calls (${contact.calls.length})`);
      const cancellable = !FINAL_JOB_STATUSES.includes(job.status) && (OPEN_CONTACT.includes(contact.status) || contact.nextAttemptAt);
      const cancel = cancellable && h('button', {
        type: 'button', class: 'danger', 'data-key': `cancel:${contact.index}`, 'aria-label': `Cancel contact ${who}`,
        onclick: () => confirmed({ title: `Cancel ${who}?`, message: 'This contact is not called again; a call on the line finishes.', confirmLabel: 'Cancel contact', danger: true },
          () => act('POST', `${base}/contacts/${contact.index}/cancel`), errors, load),
      }, 'Cancel');
      const timeline = h('tr', { id: callsId, class: 'calls', hidden: !open },
        h('td', { colSpan: 8 }, contact.calls.length === 0 ? h('p', { class: 'muted' }, 'No call yet.')
          : h('ol', { class: 'timeline', 'aria-label': `Calls of ${who}` }, contact.calls.map(call => h('li', {},
            h('span', { class: 'attempt' }, `Attempt ${call.attempt}`), ' ',
            when(call.startedAt, job.timezone), ' → ', call.endedAt ? when(call.endedAt, job.timezone) : 'on the line', ' ',
            call.outcome ? chip(call.outcome) : chip('dialing'), ' ',
            h('span', { class: 'muted' }, call.durationSeconds != null ? seconds(call.durationSeconds) : ''))))));
      return h('tbody', {},
        h('tr', {},
          h('td', { class: 'num' }, contact.index + 1),
          h('th', { scope: 'row' }, contact.name ?? ''),
          h('td', {}, contact.phone),
          h('td', {}, chip(contact.status), contact.nextAttemptAt && h('span', { class: 'muted' }, ' (waits)')),
          h('td', { class: 'num' }, contact.attempts),
          h('td', {}, when(contact.lastAttemptAt, job.timezone)),
          h('td', {}, when(contact.nextAttemptAt, job.timezone)),
          h('td', { class: 'actions' }, toggle, cancel)),
        timeline);
    }

    /** Live updates come about once a second; the contacts page is read again at most every 2 s. */
    function refreshSoon() {
      if (refreshing) return;
      refreshing = setTimeout(() => { refreshing = undefined; if (!signal.aborted) load(); }, 2000);
    }

    return { section, load, refreshSoon };
  }
}

function settingsOf(job) {
  const zone = job.timezone;
  const window = job.callingWindow;
  const rows = [
    ['Job ID', job.id],
    ['Description', job.description],
    ['Caller number ID', job.fromPhoneNumberId],
    ['Agent', job.agentId],
    ['Time zone', zone],
    ['Created', when(job.createdAt, zone)],
    ['Scheduled start', job.scheduledStartTime && when(job.scheduledStartTime, zone)],
    ['Started', job.actualStartTime && when(job.actualStartTime, zone)],
    ['Stop calling at', job.endAt && when(job.endAt, zone)],
    ['Completed', job.completedAt && when(job.completedAt, zone)],
    ['Cancelled', job.cancelledAt && when(job.cancelledAt, zone)],
    ['Failure reason', job.failureReason && words(job.failureReason)],
    ['Calls at once', job.concurrentCallLimit],
    ['Attempts per contact', job.maxAttempts],
    ['Try again after', job.retryPolicy.retryableStatuses.map(words).join(', ') || 'never'],
    ['Wait between attempts', seconds(job.retryDelaySeconds)],
    ['Longest call', seconds(job.maxCallDurationSeconds)],
    ['Calling window', !window ? 'any time' : window.preset ? `${window.preset.toUpperCase()} (08:00 to 21:00 local, every day)`
      : `${window.start} to ${window.end} local, ${window.days.join(', ')}`],
    ['Estimated cost', job.estimatedCost],
    ['Cost so far', job.actualCost],
    ['Metadata', job.metadata && h('pre', {}, JSON.stringify(job.metadata, null, 2))],
  ];
  return rows.filter(([, value]) => value != null && value !== '')
    .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)));
}
