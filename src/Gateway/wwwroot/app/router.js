// Routes live in the hash (#/jobs, #/jobs/<id>, #/new): the server serves this one page at /, and every other path
// stays the API's, answering as it always has.

const routes = [];
let current;
let showView;

/** Adds a route: pattern is matched against the hash's path, its named groups become params. */
export const route = (pattern, view) => routes.push({ pattern, view });

/**
 * Shows the view of the hash now and on every change, through show(view, context): the context has params, query and
 * a signal aborted when the user leaves, which ends the view's requests and live streams.
 */
export function start(show) {
  showView = show;
  addEventListener('hashchange', render);
  render();
}

export function render() {
  current?.abort();
  current = new AbortController();
  const [path, search = ''] = location.hash.slice(1).split('?');
  for (const { pattern, view } of routes) {
    const match = pattern.exec(path || '/');
    if (match) {
      showView(view, { params: match.groups ?? {}, query: new URLSearchParams(search), signal: current.signal });
      return;
    }
  }
  location.replace('#/jobs');
}

/** Records a view's own state (filters, page) in the hash without showing the view again. */
export function remember(path, query) {
  history.replaceState(null, '', `#${path}${query ? `?${query}` : ''}`);
}
