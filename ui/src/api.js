// The UI's only way to the server: the public /v1 API with the signed-in API token, or with the session
// cookie of an email and password sign-in (/auth/signin), whose changes carry the session's CSRF token.
const KEY = 'tributary.token';
const CSRF = 'tributary.csrf';
const SAFE = ['GET', 'HEAD', 'OPTIONS'];

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => { sessionStorage.removeItem(KEY); sessionStorage.removeItem(CSRF); },
};

/** A cookie session: the cookie is HttpOnly; the page keeps only the CSRF token. */
export const session = {
  csrf: () => sessionStorage.getItem(CSRF),
  set: (csrf) => sessionStorage.setItem(CSRF, csrf),
};

export const signedIn = () => !!(token.get() || session.csrf());

/** A failed call: the API's error envelope, kept whole so forms can show each message at its field. */
export class ApiError extends Error {
  constructor(status, errors) {
    super(errors.map((e) => e.message).join(' '));
    this.status = status;
    this.errors = errors;
  }
  forField(field) {
    return this.errors.filter((e) => e.field === field || e.path === field);
  }
}

let onUnauthorized = () => {};
export const whenUnauthorized = (fn) => { onUnauthorized = fn; };

export async function api(method, path, body, bearer = token.get(), quiet = false) {
  const headers = { Accept: 'application/json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  else if (session.csrf() && !SAFE.includes(method)) headers['X-CSRF-Token'] = session.csrf();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, [{ code: 'network', message: 'The server could not be reached.' }]);
  }
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!res.ok) {
    const errors = json && Array.isArray(json.errors) ? json.errors : [{ code: String(res.status), message: text || res.statusText }];
    if (res.status === 401 && !quiet && bearer === token.get()) onUnauthorized();
    throw new ApiError(res.status, errors);
  }
  return json;
}

export const get = (p) => api('GET', p);
export const post = (p, b) => api('POST', p, b === undefined ? {} : b);
export const put = (p, b) => api('PUT', p, b);
export const patch = (p, b) => api('PATCH', p, b);
export const del = (p) => api('DELETE', p);
/** A list endpoint answers 204 with no body when it is empty. */
export const list = async (p) => (await get(p)) || [];
/** JSON Patch replace operations from a plain object. */
export const replaceOps = (fields) => Object.entries(fields).map(([k, v]) => ({ op: 'replace', path: `/${k}`, value: v }));

/** Email and password sign-in: the server sets the session cookie and answers its CSRF token. */
export async function signInWithPassword(email, password) {
  token.clear();
  const r = await api('POST', '/auth/signin', { email, password }, null, true);
  session.set(r.csrfToken);
  return r;
}

export async function signOut() {
  if (session.csrf()) await api('POST', '/auth/signout', undefined, null, true).catch(() => {});
  token.clear();
}
