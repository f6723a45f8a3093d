import type { SendResult } from "@server/providers/channel-provider";
import { z } from "zod";
import type { HttpAnswer } from "./gupshup-http";
import { parseJsonBody, providerError, retryableForStatus } from "./gupshup-outcome";
import { text } from "./wire-fields";

// Enterprise SMS answers HTTP 200 for errors too; the body decides (docs/gupshup-formats.md §7.1). Two formats:
//   text:  `success | 919876543210 | 3940265861`  or  `error | 105 | The phone number … is not valid`
//   json:  {"response":{"id","phone","details","status"}}  (error: id = error code, details = text)

type SmsReply = { status: string; id?: string; phone?: string; details?: string };

const JsonItem = z.looseObject({ id: text, phone: text, details: text, status: text });
const JsonReply = z.looseObject({ response: z.union([JsonItem, z.array(JsonItem)]) });

/** Classifies a GatewayAPI `SendMessage` answer. */
export function classifySmsAnswer(answer: HttpAnswer, now = Date.now()): SendResult {
  const reply = parseSmsReply(answer.body);
  if (answer.status < 200 || answer.status >= 300) {
    const detail = reply?.details ?? "";
    const retryable = retryableForStatus(answer, detail, now);
    if (retryable) return retryable;
    if (answer.status === 401 || answer.status === 403)
      return { ...authRejection(detail, answer.status), ...providerError(String(answer.status), detail) };
    return {
      kind: "rejected",
      code: `HTTP_${answer.status}`,
      reason: `Gupshup SMS answered HTTP ${answer.status}: check GUPSHUP_SMS_BASE_URL`,
      httpStatus: answer.status,
      ...providerError(String(answer.status), detail),
    };
  }
  if (!reply) {
    return {
      kind: "ambiguous",
      reason: `Gupshup SMS answered HTTP ${answer.status} with an unreadable body; it may have accepted the message`,
    };
  }
  if (reply.status === "success" && reply.id) {
    return { kind: "accepted", providerMessageId: reply.id, providerStatus: "success" };
  }
  return smsErrorResult(reply.id ?? "", reply.details ?? "");
}

/** Gupshup SMS error ids (docs/gupshup-formats.md §7.1): 100 means "try later"; the rest will not change on retry. */
function smsErrorResult(id: string, details: string): SendResult {
  const reason = `Gupshup SMS error ${id || "?"}: ${details || "no details"}`;
  const sent = providerError(id, details);
  if (id === "100") return { kind: "retryable", code: "SMS_100", reason, ...sent };
  if (id === "102" || id === "103") return { ...authRejection(details, undefined, id), ...sent };
  if (id === "105") return { kind: "rejected", code: "INVALID_DESTINATION", reason, ...sent };
  return { kind: "rejected", code: id ? `SMS_${id}` : "SMS_ERROR", reason, ...sent };
}

function authRejection(details: string, httpStatus?: number, id?: string): SendResult {
  return {
    kind: "rejected",
    code: "AUTH_FAILED",
    reason: `Gupshup SMS rejected the account (${details || (id ? `error ${id}` : `HTTP ${httpStatus}`)}): check GUPSHUP_SMS_USERID and GUPSHUP_SMS_PASSWORD`,
    ...(httpStatus ? { httpStatus } : {}),
  };
}

function parseSmsReply(body: string): SmsReply | undefined {
  const json = JsonReply.safeParse(parseJsonBody(body));
  if (json.success) {
    const item = Array.isArray(json.data.response) ? json.data.response[0] : json.data.response;
    if (item?.status) return { ...item, status: item.status.trim().toLowerCase() };
    return undefined;
  }
  const parts = body
    .trim()
    .split("\n")[0]
    ?.split("|")
    .map((p) => p.trim());
  const status = parts?.[0]?.toLowerCase();
  if (!parts || (status !== "success" && status !== "error")) return undefined;
  return status === "success"
    ? { status, phone: parts[1], id: parts[2] || undefined }
    : { status, id: parts[1], details: parts.slice(2).join(" | ") };
}
