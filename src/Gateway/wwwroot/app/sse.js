// Server-sent events read with fetch, since EventSource cannot send an Authorization header. Parsing follows the HTML
// standard's event-stream rules for the fields we use (event, data, id); retry is ignored: reconnects have their own backoff.

/** Returns feed(text): give it decoded chunks as they come; it calls onEvent({ event, data, id }) for each complete event. */
export function eventParser(onEvent) {
  let pending = '', event = '', data = [], id = '';
  const line = text => {
    if (text === '') {
      if (data.length) onEvent({ event: event || 'message', data: data.join('\n'), id });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const name = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
    else if (name === 'id' && !value.includes('\0')) id = value;
  };
  return chunk => {
    // A CR at the very end may be the first half of a CRLF split across chunks: it waits for the next chunk.
    const lines = (pending + chunk).split(/\r\n|\r(?!$)|\n/);
    pending = lines.pop();
    lines.forEach(line);
  };
}

const pause = (ms, signal) => new Promise(resolve => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
});

/**
 * Follows a stream until signal aborts: open(attemptSignal) answers a Response, its events go to onEvent. When the stream
 * ends, fails, or stays silent longer than quietMs (the server pings every 15 s), it is opened again after 1, 2, 4 … 30 s
 * (with jitter, so many pages do not return at once). A 4xx other than 429 will not change on a retry: it stops there.
 * onState('live' | 'reconnecting' | 'stopped', error) tells the page.
 */
export async function follow(open, onEvent, { signal, onState, quietMs = 45_000 }) {
  for (let failures = 0; !signal.aborted;) {
    const attempt = new AbortController();
    const abort = () => attempt.abort();
    signal.addEventListener('abort', abort, { once: true });
    let silence;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(abort, quietMs);
    };
    let problem;
    try {
      heard();
      const response = await open(attempt.signal);
      onState('live');
      failures = 0;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const feed = eventParser(onEvent);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        heard();
        feed(decoder.decode(chunk.value, { stream: true }));
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error.status >= 400 && error.status < 500 && error.status !== 429) {
        onState('stopped', error);
        return;
      }
      problem = error;
    } finally {
      clearTimeout(silence);
      signal.removeEventListener('abort', abort);
    }
    if (signal.aborted) return;
    onState('reconnecting', problem);
    await pause(Math.min(30_000, 1000 * 2 ** failures++) * (0.75 + Math.random() / 2), signal);
  }
}
