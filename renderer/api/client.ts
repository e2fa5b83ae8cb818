import { BRIDGE_GLOBAL, type Bridge } from '../../shared/api/bridge';
import { DEFAULT_TIME_ZONE, systemTimeZone } from '../../shared/format/day';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/errors';

const TOKEN_STORAGE_KEY = 'maillage.token';

/** An `{ ok: false }` answer, carried as an exception so that callers can `await` values directly. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

interface Transport {
  send(method: MethodName, input: unknown): Promise<Result<unknown>>;
}

function bridgeTransport(bridge: Bridge): Transport {
  return {
    send: (method, input) => (bridge[method] as (input: unknown) => Promise<Result<unknown>>)(input),
  };
}

const networkError: ApiError = { code: 'INTERNAL', key: 'error.network', message: 'Le service ne répond pas.' };

function httpTransport(getToken: () => string | null): Transport {
  return {
    async send(method, input) {
      let response: Response;
      try {
        const token = getToken();
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: networkError };
      }
      try {
        const body = (await response.json()) as Result<unknown>;
        if (body && typeof body === 'object' && 'ok' in body) return body;
      } catch {
        // Not JSON: fall through to a status-based error.
      }
      if (response.status === 401) {
        return { ok: false, error: { code: 'UNAUTHORIZED', key: 'error.unauthorized', message: 'Accès refusé.' } };
      }
      return { ok: false, error: { code: 'INTERNAL', key: 'error.internal', message: `HTTP ${response.status}` } };
    },
  };
}

/**
 * Web mode opens the page as `/?token=…#/route`. The token is kept for the tab's life in
 * sessionStorage and removed from the address bar, so it is not left in history or screenshots.
 */
export function captureTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/**
 * The network's server marks the page it serves (a meta tag: the CSP allows no inline script).
 * There the session rides in an HttpOnly cookie and each call carries the session's CSRF token.
 */
export function isServerMode(): boolean {
  return typeof document !== 'undefined' && document.querySelector('meta[name="maillage-server"]') !== null;
}

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

/** Kept in memory only: auth.me gives it back after a reload. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (expired, ended elsewhere): the app shows the login page. */
export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler;
}

function serverTransport(): Transport {
  return {
    async send(method, input) {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: networkError };
      }
      let body: Result<unknown> | null = null;
      try {
        body = (await response.json()) as Result<unknown>;
      } catch {
        body = null;
      }
      if (response.status === 401 && method !== 'auth.login') onSessionLost?.();
      if (body && typeof body === 'object' && 'ok' in body) return body;
      return { ok: false, error: { code: 'INTERNAL', key: 'error.internal', message: `HTTP ${response.status}` } };
    },
  };
}

function pickTransport(): Transport {
  const bridge = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as Bridge | undefined;
  if (bridge && typeof bridge === 'object') return bridgeTransport(bridge);
  if (isServerMode()) return serverTransport();
  return httpTransport(() => window.sessionStorage.getItem(TOKEN_STORAGE_KEY));
}

let transport: Transport | null = null;

export const api = {
  /** Calls one contract method; resolves to its value or throws an ApiCallError. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    transport ??= pickTransport();
    let result: Result<unknown>;
    try {
      result = await transport.send(method, input);
    } catch {
      throw new ApiCallError(networkError);
    }
    if (!result.ok) throw new ApiCallError(result.error);
    return result.value as MethodOutput<M>;
  },
};

/** Any thrown thing as an ApiError the UI can translate; never a stack. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiCallError) return error.error;
  return { code: 'INTERNAL', key: 'error.internal', message: 'Erreur interne.' };
}

/** True in the desktop application (Electron's bridge is there): its dialogs can be used. */
export function isDesktop(): boolean {
  const bridge = typeof window === 'undefined' ? undefined : (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  return Boolean(bridge && typeof bridge === 'object');
}

/**
 * The zone « today » is taken in, the same as main's: the machine's in Electron (main follows
 * it too), the network's (Europe/Paris) in web mode, whatever zone the browser runs in.
 */
export function userTimeZone(): string {
  return isDesktop() ? systemTimeZone() : DEFAULT_TIME_ZONE;
}
