// Every API call: the key as a bearer header (never in a URL), problem documents thrown as ApiError.

// sessionStorage: the key outlives a reload of this tab and goes when the browser session ends; no other tab, no disk.
const STORAGE = 'batch-calls.api-key';

export const apiKey = () => sessionStorage.getItem(STORAGE);
export const signIn = key => sessionStorage.setItem(STORAGE, key);

/** Forgets the key; main.js shows the sign-in form again, with reason when the API refused the key. */
export function signOut(reason) {
  sessionStorage.removeItem(STORAGE);
  dispatchEvent(new CustomEvent('signed-out', { detail: reason }));
}

/** An API error: the problem document's detail, machine code, and per-field errors or skipped rows when it has them. */
class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `The server answered ${status}.`);
    this.status = status;
    this.code = problem.code ?? `http_${status}`;
    this.errors = problem.errors;
    this.rows = problem.rows;
  }
}

/** Sends a request (body: FormData or anything JSON) and answers the Response when it is a 2xx. */
export async function send(path, { method = 'GET', body, headers = {}, signal, key = apiKey() } = {}) {
  const init = { method, signal, cache: 'no-store', headers: { Accept: 'application/json', ...headers, Authorization: `Bearer ${key}` } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  if (response.ok) return response;
  const problem = await response.json().catch(() => ({}));
  // The session's own key refused (revoked, or the organization gone): nothing else on the page can work.
  if (response.status === 401 && key === apiKey()) signOut('The API no longer accepts this key; sign in again.');
  throw new ApiError(response.status, problem);
}

export const getJson = async (path, options) => (await send(path, options)).json();

/** A POST, PATCH or DELETE; its JSON answer, or null for 204. */
export async function act(method, path, options) {
  const response = await send(path, { ...options, method });
  return response.status === 204 ? null : response.json();
}

/** A query string of the set values only. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== '' && value != null) params.set(name, value);
  }
  return params.toString();
}
