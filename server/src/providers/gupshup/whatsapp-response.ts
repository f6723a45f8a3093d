import type { SendRejected, SendResult } from "@server/providers/channel-provider";
import { z } from "zod";
import type { HttpAnswer } from "./gupshup-http";
import { parseJsonBody, providerError, retryableForStatus } from "./gupshup-outcome";
import { optionalId, record } from "./wire-fields";

const SendReply = z.looseObject({
  status: z.string().optional().catch(undefined),
  messageId: optionalId,
});

/** Classifies the answer of `/wa/api/v1/msg` or `/wa/api/v1/template/msg`. */
export function classifyWhatsappAnswer(answer: HttpAnswer, now = Date.now()): SendResult {
  const json = parseJsonBody(answer.body);
  const reply = SendReply.safeParse(json);
  const detail = gupshupErrorText(json, answer.body);
  const ok = answer.status >= 200 && answer.status < 300;

  if (ok) {
    const status = reply.data?.status?.toLowerCase();
    if (reply.data?.messageId && status !== "error") {
      return {
        kind: "accepted",
        providerMessageId: reply.data.messageId,
        providerStatus: status ?? "submitted",
      };
    }
    if (status === "error") return rejectionFor(detail, answer.status);
    return {
      kind: "ambiguous",
      reason: `Gupshup answered HTTP ${answer.status} without a message id (${
        answer.bodyComplete ? "unreadable body" : "the body was cut off"
      }); it may have accepted the message`,
    };
  }
  const retryable = retryableForStatus(answer, detail, now);
  if (retryable) return retryable;
  if (answer.status === 401 || answer.status === 403) return authRejection(detail, answer.status);
  if (answer.status >= 400) return rejectionFor(detail, answer.status);
  return {
    kind: "rejected",
    code: `HTTP_${answer.status}`,
    reason: `unexpected HTTP ${answer.status} from Gupshup: check GUPSHUP_API_BASE_URL`,
    httpStatus: answer.status,
    ...providerError(String(answer.status), detail),
  };
}

/** Permanent rejections named after what the operator must fix. */
export function rejectionFor(detail: string, httpStatus: number): SendRejected {
  if (/invalid destination/i.test(detail)) {
    return {
      kind: "rejected",
      code: "INVALID_DESTINATION",
      reason: `Gupshup: ${detail} (not a valid WhatsApp number: digits with country code)`,
      httpStatus,
      ...providerError(String(httpStatus), detail),
    };
  }
  if (/invalid app details/i.test(detail)) {
    return {
      kind: "rejected",
      code: "INVALID_APP_DETAILS",
      reason: `Gupshup: ${detail}: check GUPSHUP_APP_NAME and GUPSHUP_SOURCE (the app must own the source number)`,
      httpStatus,
      ...providerError(String(httpStatus), detail),
    };
  }
  if (/authentication failed|portal user not found|api ?key/i.test(detail))
    return authRejection(detail, httpStatus);
  return {
    kind: "rejected",
    code: `HTTP_${httpStatus}`,
    reason: `Gupshup refused the message: ${detail || `HTTP ${httpStatus}`}`,
    httpStatus,
    ...providerError(String(httpStatus), detail),
  };
}

function authRejection(detail: string, httpStatus: number): SendRejected {
  return {
    kind: "rejected",
    code: "AUTH_FAILED",
    reason: `Gupshup rejected the API key (${detail || `HTTP ${httpStatus}`}): check GUPSHUP_API_KEY`,
    httpStatus,
    ...providerError(String(httpStatus), detail),
  };
}

/** `message` may be a string or `{ "message": "…" }` (both are documented); else a bit of the raw body. */
export function gupshupErrorText(json: unknown, rawBody: string): string {
  const outer = record.parse(json).message;
  const inner = record.parse(outer).message;
  if (typeof outer === "string") return outer;
  if (typeof inner === "string") return inner;
  if (json !== undefined) return "";
  return rawBody.replace(/\s+/g, " ").trim().slice(0, 200);
}
