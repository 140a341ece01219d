import { jobActionButtons } from '../actions.js';
import { getJson, query } from '../api.js';
import { field, fill, h, rebuild, table } from '../dom.js';
import { JOB_STATUSES, chip, count, when, words } from '../format.js';
import { liveIndicator, watchJobs } from '../live.js';
import { showProblem } from '../problem.js';
import { remember } from '../router.js';

const PAGE_SIZE = 20;

/** The organization's jobs: filtered by status, searched by name, paged, each row kept current by the live stream. */
export function jobsView(main, { query: params, signal }) {
  document.title = 'Jobs · Batch calls';
  const state = { status: params.get('status') ?? '', q: params.get('q') ?? '', page: Number(params.get('page')) || 1 };
  const status = h('select', { id: 'filter-status', name: 'status', onchange: () => show(1) },
    h('option', { value: '' }, 'All statuses'),
    JOB_STATUSES.map(s => h('option', { value: s, selected: s === state.status }, words(s))));
  let typing;
  const search = h('input', {
    id: 'filter-q', name: 'q', type: 'search', value: state.q, autocomplete: 'off',
    oninput: () => { clearTimeout(typing); typing = setTimeout(() => show(1), 300); },
  });
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: event => { event.preventDefault(); show(1); } },
    field('Status', status), field('Search by name', search), h('button', { type: 'submit' }, 'Search'));
  const summary = h('p', { class: 'summary', role: 'status' });
  const errors = h('div');
  const list = h('div');
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of jobs' });
  const live = liveIndicator();
  main.replaceChildren(
    h('div', { class: 'title-row' }, h('h1', { tabindex: -1 }, 'Jobs'), h('a', { class: 'button primary', href: '#/new' }, 'New batch')),
    filters, live.element, errors, summary, list, pager);

  const rows = new Map();
  let total = 0;
  let stream;
  let loads = 0;

  async function show(page) {
    state.status = status.value;
    state.q = search.value.trim();
    state.page = page;
    const filter = query({ status: state.status, q: state.q, page: state.page > 1 ? state.page : '' });
    remember('/jobs', filter);
    errors.replaceChildren();
    const ticket = ++loads;
    try {
      const answer = await getJson(`/batch/jobs?${query({ status: state.status, q: state.q, page: state.page, pageSize: PAGE_SIZE })}`, { signal });
      // A slower answer to an earlier search never replaces the answer to the latest one.
      if (ticket === loads) draw(answer);
    } catch (error) {
      if (!signal.aborted) showProblem(errors, error);
    }
  }

  function draw({ batchJobs, total: all }) {
    total = all;
    rows.clear();
    for (const job of batchJobs) rows.set(job.id, jobRow(job));
    list.replaceChildren(batchJobs.length === 0
      ? h('p', { class: 'empty' }, state.status || state.q ? 'No job matches.' : 'No jobs yet. ', !state.status && !state.q && h('a', { href: '#/new' }, 'Create one.'))
      : table('Jobs', ['Name', 'Status', 'Progress', 'Completed', 'Failed', 'Created', 'Actions'],
        h('tbody', {}, [...rows.values()].map(row => row.tr)), { stack: true }));
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    pager.replaceChildren(
      h('button', { type: 'button', disabled: state.page <= 1, onclick: () => show(state.page - 1) }, 'Previous page'),
      h('span', {}, `Page ${state.page} of ${pages}`),
      h('button', { type: 'button', disabled: state.page >= pages, onclick: () => show(state.page + 1) }, 'Next page'));
    tally();
    // The stream follows exactly the jobs on screen, and the new ones: a new page, filter or search opens a new one.
    stream?.abort();
    stream = new AbortController();
    watchJobs([...rows.keys()], {
      onJob: ({ job }) => rows.get(job.id)?.update(job),
      onGone: () => show(state.page),
      // A job created elsewhere (another tab, the API) joins the list: newest first, so on the first page.
      onListed: () => show(state.page),
      onState: live.onState,
    }, AbortSignal.any([signal, stream.signal]));
  }

  /** The live-read summary: how many jobs, and how many of those on screen run or wait. */
  function tally() {
    const byStatus = {};
    for (const { job } of rows.values()) byStatus[job.status] = (byStatus[job.status] ?? 0) + 1;
    const onPage = Object.entries(byStatus).map(([s, n]) => `${n} ${words(s)}`).join(', ');
    summary.textContent = `${count(total)} ${total === 1 ? 'job' : 'jobs'}${onPage ? `; on this page: ${onPage}` : ''}.`;
  }

  /** A job's row; update(job) redraws it, and its buttons only when the status changes what they can be. */
  function jobRow(first) {
    let job = first;
    let buttonsFor;
    const link = h('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, job.name);
    const cells = { name: h('th', { scope: 'row' }, link), status: h('td'), progress: h('td'), completed: h('td', { class: 'num' }), failed: h('td', { class: 'num' }), created: h('td'), actions: h('td', { class: 'actions' }) };
    const actionErrors = h('div');
    const update = next => {
      job = next;
      fill(cells.status, chip(job.status), job.pauseReason && h('span', { class: 'reason' }, ` (${words(job.pauseReason)})`));
      cells.progress.replaceChildren(
        h('progress', { max: Math.max(job.totalContacts, 1), value: job.contactsProcessed, 'aria-label': `Progress of ${job.name}` }),
        h('span', { class: 'progress-text' }, `${count(job.contactsProcessed)} / ${count(job.totalContacts)}`));
      cells.completed.textContent = count(job.successfulCalls);
      cells.failed.textContent = count(job.failedCalls);
      cells.created.replaceChildren(when(job.createdAt));
      if (job.status !== buttonsFor) {
        buttonsFor = job.status;
        rebuild(cells.actions, [...jobActionButtons(job, { errorSlot: actionErrors, done: () => show(state.page), labelSuffix: job.name }), actionErrors], link);
        tally();
      }
    };
    update(first);
    return { tr: h('tr', {}, Object.values(cells)), update, get job() { return job; } };
  }

  show(state.page);
}
