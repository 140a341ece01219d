import { send } from './api.js';
import { h } from './dom.js';
import { follow } from './sse.js';

/**
 * Live state of up to 100 jobs from GET /batch/jobs/events: onJob({ job, statusBreakdown }) once at once for each,
 * then on every change; onGone(id) when one is deleted; with onListed, onListed(id) for each job the organization
 * creates meanwhile. Ends with signal.
 */
export function watchJobs(ids, { onJob, onGone, onListed, onState }, signal) {
  if (ids.length === 0 && !onListed) {
    onState('idle');
    return;
  }
  const url = `/batch/jobs/events?${[...ids.map(id => `id=${encodeURIComponent(id)}`), onListed && 'listed=true'].filter(Boolean).join('&')}`;
  follow(attempt => send(url, { signal: attempt, headers: { Accept: 'text/event-stream' } }), ({ event, data }) => {
    if (event === 'job') onJob(JSON.parse(data));
    else if (event === 'gone') onGone(JSON.parse(data).id);
    else if (event === 'listed') onListed?.(JSON.parse(data).id);
  }, { signal, onState });
}

/** A line saying whether live updates are flowing, and the onState that keeps it true. */
export function liveIndicator() {
  const element = h('p', { class: 'live', 'data-state': 'connecting' }, 'Connecting live updates…');
  const onState = (state, error) => {
    element.dataset.state = state;
    element.hidden = state === 'idle';
    element.textContent = state === 'live' ? 'Live updates on'
      : state === 'reconnecting' ? 'Live updates interrupted; reconnecting…'
        : `Live updates unavailable: ${error?.message ?? 'unknown error'}`;
  };
  return { element, onState };
}
