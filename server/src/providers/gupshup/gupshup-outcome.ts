import type { ProviderError, SendAmbiguous, SendRetryable } from "@server/providers/channel-provider";
import type { HttpAnswer, HttpFailure } from "./gupshup-http";

// Classification shared by the WhatsApp and SMS adapters: what the network and the HTTP status say,
// before either adapter looks at Gupshup's body.

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EAI_NODATA"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_DESTROYED"]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EHOSTDOWN", "ENETDOWN"]);

/** A failure with no HTTP answer: retryable if the request never left, ambiguous if it did. */
export function classifyTransportFailure(failure: HttpFailure, host: string): SendRetryable | SendAmbiguous {
  if (failure.sent) {
    const what =
      failure.cause === "timeout"
        ? failure.message
        : failure.cause === "aborted"
          ? "cancelled"
          : `connection failed (${failure.code ?? failure.message})`;
    return {
      kind: "ambiguous",
      reason: `${what} after the request was sent to ${host}; Gupshup may have accepted the message`,
    };
  }
  const code = notSentCode(failure);
  return { kind: "retryable", code, reason: `${notSentReason(code, host)} before the request was sent` };
}

function notSentCode(failure: HttpFailure): string {
  if (failure.cause === "timeout") return "CONNECT_TIMEOUT";
  if (failure.cause === "aborted") return "ABORTED";
  const code = failure.code ?? "";
  if (code === "ECONNREFUSED") return "CONNECTION_REFUSED";
  if (DNS_CODES.has(code)) return "DNS_FAILURE";
  if (RESET_CODES.has(code)) return "CONNECTION_RESET";
  if (UNREACHABLE_CODES.has(code)) return "NETWORK_UNREACHABLE";
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO)/.test(code)) return "TLS_FAILURE";
  return "NETWORK_ERROR";
}

function notSentReason(code: string, host: string): string {
  switch (code) {
    case "CONNECT_TIMEOUT":
      return `no connection to ${host} within the timeout`;
    case "ABORTED":
      return "cancelled";
    case "CONNECTION_REFUSED":
      return `${host} refused the connection`;
    case "DNS_FAILURE":
      return `cannot resolve ${host}`;
    case "CONNECTION_RESET":
      return `${host} reset the connection`;
    case "TLS_FAILURE":
      return `TLS handshake with ${host} failed`;
    default:
      return `network error reaching ${host}`;
  }
}

/** Status codes that mean "not accepted, try again later", whatever the body says. */
export function retryableForStatus(
  answer: HttpAnswer,
  detail: string,
  now = Date.now(),
): SendRetryable | undefined {
  const { status } = answer;
  if (status === 429) {
    return {
      kind: "retryable",
      code: "RATE_LIMITED",
      reason: `Gupshup rate limit (HTTP 429${detail ? `: ${detail}` : ""})`,
      retryAfterMs: parseRetryAfter(answer.headers["retry-after"], now),
      httpStatus: status,
      ...providerError(String(status), detail),
    };
  }
  if (status >= 500 || status === 408) {
    return {
      kind: "retryable",
      code: `HTTP_${status}`,
      reason: `Gupshup answered HTTP ${status}${detail ? `: ${detail}` : ""}`,
      httpStatus: status,
      ...providerError(String(status), detail),
    };
  }
  return undefined;
}

/** Gupshup's code and text as sent, without empty strings. */
export function providerError(code: string | undefined, text: string | undefined): ProviderError {
  return {
    ...(code ? { providerCode: code } : {}),
    ...(text?.trim() ? { providerText: text.trim().slice(0, 500) } : {}),
  };
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in milliseconds from now. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** `path` under the base URL, keeping any path prefix the base has (a proxy's, say). */
export function endpoint(baseUrl: string, path: string): URL {
  return new URL(`${baseUrl.replace(/\/+$/, "")}${path}`);
}

/** Gupshup bodies are JSON whatever Content-Type they declare (text/html on the send API). */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
