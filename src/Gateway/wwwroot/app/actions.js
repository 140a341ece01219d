import { act } from './api.js';
import { confirmAction } from './dialog.js';
import { h } from './dom.js';
import { FINAL_JOB_STATUSES } from './format.js';
import { showProblem } from './problem.js';

const path = (job, verb) => `/batch/jobs/${encodeURIComponent(job.id)}${verb ? `/${verb}` : ''}`;

/** What can be done to a job, when, what is asked first, and the request. */
const JOB_ACTIONS = [
  {
    name: 'start', label: 'Start', when: ['pending', 'scheduled'],
    ask: job => ({ title: `Start “${job.name}” now?`, message: 'Every contact is queued for dialing at once; a schedule is dropped.', confirmLabel: 'Start now' }),
    run: job => act('POST', path(job, 'start')),
  },
  {
    name: 'pause', label: 'Pause', when: ['running'],
    ask: job => ({ title: `Pause “${job.name}”?`, message: 'No new call starts; calls on the line finish. Resume goes on where it stopped.', confirmLabel: 'Pause' }),
    run: job => act('POST', path(job, 'pause')),
  },
  {
    name: 'resume', label: 'Resume', when: ['paused'],
    ask: job => ({ title: `Resume “${job.name}”?`, message: 'Dialing goes on with the contacts not yet finished.', confirmLabel: 'Resume' }),
    run: job => act('POST', path(job, 'resume')),
  },
  {
    name: 'cancel', label: 'Cancel', when: ['pending', 'scheduled', 'running', 'paused'], danger: true,
    ask: job => ({ title: `Cancel “${job.name}”?`, message: 'Contacts not yet called are never called; calls on the line finish. This cannot be undone.', confirmLabel: 'Cancel job' }),
    run: job => act('POST', path(job, 'cancel')),
  },
  {
    name: 'delete', label: 'Delete', when: FINAL_JOB_STATUSES, danger: true,
    ask: job => ({ title: `Delete “${job.name}”?`, message: 'The job, its contacts and every call record are erased. This cannot be undone.', confirmLabel: 'Delete job' }),
    run: job => act('DELETE', path(job)),
  },
];

/**
 * The buttons for what job's status allows. Each asks first, shows an API error in errorSlot, and calls
 * done(name, answer) after success. Buttons carry data-key "<job id>:<action>" so live updates keep their focus.
 */
export function jobActionButtons(job, { errorSlot, done, labelSuffix = '' }) {
  return JOB_ACTIONS.filter(action => action.when.includes(job.status)).map(action =>
    h('button', {
      type: 'button', class: action.danger && 'danger', 'data-key': `${job.id}:${action.name}`,
      // In a list, "Pause" alone does not say which job: the accessible name does.
      'aria-label': labelSuffix ? `${action.label} ${labelSuffix}` : null,
      onclick: () => confirmed(action.ask(job), () => action.run(job), errorSlot, answer => done(action.name, answer)),
    }, action.label));
}

/** Asks question (confirmAction's), then runs request(the dialog's answers); its error goes to errorSlot, its answer to done. */
export async function confirmed(question, request, errorSlot, done) {
  const answers = await confirmAction(question);
  if (!answers) return;
  errorSlot.replaceChildren();
  try {
    done(await request(answers));
  } catch (error) {
    showProblem(errorSlot, error);
  }
}
