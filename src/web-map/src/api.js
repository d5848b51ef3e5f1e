// Calls to GeoApi. The API token (if signed in) is kept in sessionStorage and sent as
// "Authorization: Bearer" on every call, tiles included. Failures become ApiError with a message key.

const TOKEN_KEY = 'cohesiongeo.token';
export const TIMEOUT_MS = 15000;

export class ApiError extends Error {
  /** @param {string} key i18n key  @param {number} status HTTP status (0 when unreachable) */
  constructor(key, status = 0) {
    super(key);
    this.key = key;
    this.status = status;
  }
}

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function authHeaders(token = getToken()) {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * fetch with the caller's token and a timeout. Rejects with ApiError:
 * error.api.down (network), error.api.slow (timeout), error.token.rejected (401), error.api.failed (other).
 */
export async function apiFetch(path, { token = getToken(), method = 'GET', body, timeout = TIMEOUT_MS, accept = 'application/json' } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const headers = { Accept: accept, ...authHeaders(token) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal });
  } catch (e) {
    throw new ApiError(controller.signal.aborted ? 'error.api.slow' : 'error.api.down');
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 401) throw new ApiError('error.token.rejected', 401);
  if (!response.ok) throw new ApiError('error.api.failed', response.status);
  try {
    return await response.json();
  } catch {
    throw new ApiError('error.api.failed', response.status);
  }
}
