import { act } from '../api.js';
import { firstRecords } from '../csv.js';
import { field, h, table } from '../dom.js';
import { browserZone, count, wallClock, words, zoneSelect } from '../format.js';
import { clearProblem, showProblem } from '../problem.js';

const PREVIEW_ROWS = 5;
const RETRYABLE = [['no_answer', true], ['busy', true], ['timeout', true], ['voicemail', false]];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

const input = (id, name, props = {}) => h('input', { id, name, ...props });
const number = (id, name, min, max, value) => input(id, name, { type: 'number', min, max, value, required: true, inputMode: 'numeric' });
const choice = (type, name, value, label, checked) => {
  const id = `${name}-${value}`;
  return h('div', { class: 'choice' }, input(id, name, { type, value, checked }), h('label', { for: id }, label));
};
const group = (legend, name, ...children) => h('fieldset', { 'data-field': name }, h('legend', {}, legend), children);

/**
 * A new batch: the CSV (dropped or picked, its first rows previewed), every create option, then the API's own check
 * (dryRun) as a report; only a report of the form as it stands offers "Create batch", and the new job's page follows.
 */
export function createView(main, { signal }) {
  document.title = 'New batch · Batch calls';
  let file = null;

  const fileInput = input('csv-file', 'file', { type: 'file', accept: '.csv,text/csv', required: true, onchange: () => choose(fileInput.files[0]) });
  const drop = h('div', {
    class: 'drop', role: 'group', 'aria-label': 'Drop zone',
    ondragover: event => { event.preventDefault(); drop.classList.add('over'); },
    ondragleave: () => drop.classList.remove('over'),
    ondrop: event => {
      event.preventDefault();
      drop.classList.remove('over');
      fileInput.files = event.dataTransfer.files;
      choose(fileInput.files[0]);
    },
  },
  h('p', {}, 'Drop a CSV file here, or choose one.'),
  field('CSV file', fileInput, { hint: 'A header row with a phone column (E.164, like +12025550101). A name column and any other columns are kept with each contact; a timezone column gives a contact its own calling hours.' }));
  const preview = h('div', { class: 'preview' });

  const name = input('job-name', 'name', { required: true, maxLength: 200 });
  const description = h('textarea', { id: 'job-description', name: 'description', maxLength: 1000, rows: 2 });
  const caller = input('caller-id', 'fromPhoneNumberId', { required: true, autocomplete: 'off' });
  const startTime = input('start-time', 'scheduledStartTime', { type: 'datetime-local', required: true });
  const scheduled = h('div', { hidden: true }, field('Start time', startTime));
  const zone = zoneSelect({ id: 'time-zone', name: 'timezone' }, browserZone());
  const endAt = input('end-at', 'endAt', { type: 'datetime-local' });
  const concurrency = number('concurrency', 'concurrentCallLimit', 1, 50, 5);
  const maxDuration = number('max-duration', 'maxCallDurationSeconds', 60, 7200, 1800);
  const attempts = number('max-attempts', 'maxAttempts', 1, 10, 3);
  const retryDelay = number('retry-delay', 'retryDelaySeconds', 0, 86400, 300);
  const windowStart = input('window-start', 'windowStart', { type: 'time', value: '09:00', required: true });
  const windowEnd = input('window-end', 'windowEnd', { type: 'time', value: '20:00', required: true });
  const hours = h('div', { hidden: true, class: 'hours' },
    field('From', windowStart), field('Until', windowEnd),
    group('Days', 'days', DAYS.map(day => choice('checkbox', 'day', day, DAY_NAMES[day], !['sat', 'sun'].includes(day)))));
  const metadata = h('textarea', { id: 'metadata', name: 'metadata', rows: 3, placeholder: '{ "crm": "spring-2026" }', spellcheck: false });

  const errors = h('div');
  const report = h('div', { class: 'report-slot' });
  const check = h('button', { type: 'submit', class: 'primary' }, 'Check');
  const form = h('form', { class: 'create', onsubmit: event => { event.preventDefault(); dryRun(); } },
    h('fieldset', {}, h('legend', {}, 'Contacts'), drop, preview),
    h('fieldset', {}, h('legend', {}, 'About'),
      field('Name', name),
      field('Description (optional)', description),
      field('Caller number ID', caller, { hint: 'The id of one of your organization’s phone numbers (pn_demo on the embedded demo).' })),
    h('fieldset', { class: 'grid' }, h('legend', {}, 'When'),
      group('Start', 'autoStart',
        choice('radio', 'start', 'now', 'As soon as it is created', true),
        choice('radio', 'start', 'later', 'At a time I choose'),
        choice('radio', 'start', 'manual', 'Not yet: I will start it')),
      scheduled,
      field('Time zone', zone, { hint: 'The job’s zone: the times above and below are read in it, the job’s page shows its times in it, and contacts with no zone of their own keep its calling hours.' }),
      field('Stop calling at (optional)', endAt, { hint: 'No call starts after this; contacts not reached by then are cancelled.' })),
    h('fieldset', { class: 'grid' }, h('legend', {}, 'Calls'),
      field('Calls at once', concurrency, { hint: '1 to 50; your organization’s own limit applies too.' }),
      field('Longest call (seconds)', maxDuration, { hint: '60 to 7200; a call still going is then hung up.' })),
    group('Retries', 'retryPolicy',
      field('Attempts per contact', attempts, { hint: '1 to 10, the first call included.' }),
      group('Try again after', 'retryableStatuses', RETRYABLE.map(([status, on]) => choice('checkbox', 'retry', status, words(status), on))),
      field('Wait between attempts (seconds)', retryDelay)),
    group('Calling window', 'callingWindow',
      choice('radio', 'window', 'none', 'Any time', true),
      choice('radio', 'window', 'tcpa', 'TCPA: 08:00 to 21:00 in each contact’s local time, every day'),
      choice('radio', 'window', 'custom', 'These hours in each contact’s local time'),
      hours),
    h('fieldset', {}, h('legend', {}, 'Metadata'),
      field('Metadata (optional JSON object)', metadata, { hint: 'Up to 4 KB, echoed on the job, to your dialer and webhooks, and in the export.' })),
    errors,
    h('div', { class: 'buttons' }, check));

  // Only the inputs of the choice made take part (and are validated).
  const showChoices = () => {
    scheduled.hidden = form.elements.start.value !== 'later';
    startTime.disabled = scheduled.hidden;
    hours.hidden = form.elements.window.value !== 'custom';
    for (const control of hours.querySelectorAll('input')) control.disabled = hours.hidden;
  };
  // A report stands only for the form it checked: any change takes its "Create batch" away.
  const changed = () => {
    showChoices();
    if (report.firstChild) report.replaceChildren(h('p', { class: 'notice' }, 'The form changed since the check: check again to create the batch.'));
  };
  form.addEventListener('change', changed);
  form.addEventListener('input', changed);
  showChoices();

  main.replaceChildren(h('h1', { tabindex: -1 }, 'New batch'), form, report);

  async function choose(chosen) {
    file = chosen ?? null;
    preview.replaceChildren();
    if (!file) return;
    if (!name.value) name.value = file.name.replace(/\.csv$/i, '');
    const records = firstRecords(await file.slice(0, 64 * 1024).text(), PREVIEW_ROWS + 1);
    const [header = [], ...rows] = records;
    preview.replaceChildren(
      h('p', {}, `${file.name}, ${count(file.size)} bytes. The first ${Math.min(rows.length, PREVIEW_ROWS)} rows:`),
      table('Preview of the file', header, h('tbody', {}, rows.map(row => h('tr', {}, header.map((_, i) => h('td', {}, row[i] ?? '')))))));
  }

  /** The create request as multipart form data: the file and each option that has a value. */
  function request() {
    const data = new FormData();
    const set = (key, value) => { if (value !== '' && value != null) data.append(key, value); };
    const start = form.elements.start.value, windowChoice = form.elements.window.value;
    const checked = key => [...form.querySelectorAll(`input[name="${key}"]:checked`)].map(box => box.value);
    data.append('file', file);
    set('name', name.value.trim());
    set('description', description.value.trim());
    set('fromPhoneNumberId', caller.value.trim());
    set('timezone', zone.value);
    if (start === 'later') set('scheduledStartTime', wallClock(startTime.value));
    set('autoStart', String(start !== 'manual'));
    set('endAt', endAt.value && wallClock(endAt.value));
    set('concurrentCallLimit', concurrency.value);
    set('maxCallDurationSeconds', maxDuration.value);
    set('retryDelaySeconds', retryDelay.value);
    set('retryPolicy', JSON.stringify({ maxAttempts: Number(attempts.value), retryableStatuses: checked('retry') }));
    if (windowChoice === 'tcpa') set('callingWindow', JSON.stringify({ preset: 'tcpa' }));
    if (windowChoice === 'custom') set('callingWindow', JSON.stringify({ start: windowStart.value, end: windowEnd.value, days: checked('day') }));
    set('metadata', metadata.value.trim());
    return data;
  }

  async function dryRun() {
    clearProblem(errors, form);
    report.replaceChildren();
    check.disabled = true;
    try {
      const data = request();
      data.append('dryRun', 'true');
      const answer = await act('POST', '/batch/jobs', { body: data, signal });
      report.replaceChildren(validationReport(answer, request()));
      report.querySelector('h2').focus();
    } catch (error) {
      if (!signal.aborted) showProblem(errors, error, form);
    } finally {
      check.disabled = false;
    }
  }

  function validationReport(answer, data) {
    const duplicates = answer.skippedContacts.filter(skip => skip.reason === 'duplicate_phone').length;
    const listedAll = answer.skippedContacts.length === answer.skippedCount;
    const createErrors = h('div');
    // One key for this checked request: a second click, or a retry after a lost answer, is answered with the same job.
    const idempotencyKey = [...crypto.getRandomValues(new Uint8Array(16))].map(b => b.toString(16).padStart(2, '0')).join('');
    const create = h('button', {
      type: 'button', class: 'primary',
      onclick: async () => {
        create.disabled = true;
        createErrors.replaceChildren();
        try {
          const created = await act('POST', '/batch/jobs', { body: data, signal, headers: { 'Idempotency-Key': idempotencyKey } });
          location.hash = `#/jobs/${encodeURIComponent(created.batchJobId)}`;
        } catch (error) {
          if (!signal.aborted) showProblem(createErrors, error);
          create.disabled = false;
        }
      },
    }, 'Create batch');
    const start = form.elements.start.value;
    return h('section', { class: 'card report', 'aria-labelledby': 'report-title' },
      h('h2', { id: 'report-title', tabindex: -1 }, 'Validation report'),
      h('dl', { class: 'stats' },
        stat('Rows', count(answer.totalContacts + answer.skippedCount)),
        stat('Valid', count(answer.totalContacts)),
        stat('Skipped', count(answer.skippedCount)),
        stat('Duplicates', `${listedAll ? '' : 'at least '}${count(duplicates)}`),
        stat('Estimated cost', answer.estimatedCost),
        stat('Estimated duration', answer.estimatedDuration),
        stat('Starts', start === 'later' ? `at ${startTime.value.replace('T', ' ')} (${zone.value})` : start === 'now' ? 'at once' : 'when you start it')),
      answer.skippedCount > 0 && table('Skipped rows', ['Row', 'Phone', 'Reason'],
        h('tbody', {}, answer.skippedContacts.map(skip =>
          h('tr', {}, h('td', { class: 'num' }, skip.row), h('td', {}, skip.phone ?? ''), h('td', {}, words(skip.reason))))),
        { caption: listedAll ? 'Skipped rows' : `The first ${answer.skippedContacts.length} of ${count(answer.skippedCount)} skipped rows` }),
      h('p', {}, answer.skippedCount > 0 ? 'Skipped rows are left out; the valid ones are called.' : 'Every row is valid.'),
      createErrors,
      h('div', { class: 'buttons' }, create));
  }
}

const stat = (term, value) => h('div', {}, h('dt', {}, term), h('dd', {}, value));
