import { CSRF_HEADER } from "@contract/csrf";
import type { ErrorCode } from "@contract/errors";

/** An API answer that was not 2xx, with the server's error code and words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "NETWORK",
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

// The session cookie is HttpOnly; the CSRF token comes with login and /api/auth/me and must be echoed.
let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when any request answers 401, so the app can show the login page. */
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Headers a state-changing request outside this module needs (an upload with progress, a keepalive save). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { [CSRF_HEADER]: csrfToken } : {};
}

export async function apiGet<T>(url: string): Promise<T> {
  return request<T>("GET", url);
}

export async function apiPost<T>(url: string, body?: unknown): Promise<T> {
  return request<T>("POST", url, body);
}

export async function apiPatch<T>(url: string, body: unknown): Promise<T> {
  return request<T>("PATCH", url, body);
}

export async function apiPut<T>(url: string, body: unknown): Promise<T> {
  return request<T>("PUT", url, body);
}

export async function apiDelete<T>(url: string): Promise<T> {
  return request<T>("DELETE", url);
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, "NETWORK", `the server could not be reached (${String(err)})`);
  }
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && !url.startsWith("/api/auth/")) onUnauthenticated();
    const error = (json as { error?: { code?: ErrorCode; message?: string } } | undefined)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "INTERNAL",
      error?.message ?? `server answered ${res.status}`,
    );
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
