import type { MessageFailure, NextStep } from "@contract/messages";

// The one rule for failed outbound messages: what Gupshup's (or Meta's) code means for us, whether a
// resend of the same message can succeed, and what else staff can do. Everything that offers or allows
// a Retry, "Send as SMS" or "Send a template" asks here.

type Channel = "WHATSAPP" | "SMS";

/** Failures a resend of the very same message can get past: outages, rate limits, blips, fixed settings. */
const RETRYABLE = new Set([
  "PROVIDER_ERROR",
  "RATE_LIMITED",
  "RECIPIENT_UNAVAILABLE",
  "EXHAUSTED",
  "JOB_FAILED",
  // Our account's settings: once an administrator fixes them, the same message goes through.
  "AUTH_FAILED",
  "INVALID_APP_DETAILS",
  "ACCOUNT_PROBLEM",
  "NOT_CONFIGURED",
]);

/** WhatsApp cannot reach the guest at all: SMS may. */
const WHATSAPP_UNREACHABLE = new Set(["NOT_ON_WHATSAPP", "UNDELIVERABLE"]);

// Gupshup's failure codes (docs/gupshup-formats.md §4.3) and Meta's passed-through ones.
const WHATSAPP_CODES: Record<string, string> = {
  "1002": "NOT_ON_WHATSAPP",
  "1013": "NOT_ON_WHATSAPP",
  "133010": "NOT_ON_WHATSAPP",
  "131026": "UNDELIVERABLE",
  "470": "WINDOW_CLOSED",
  "131047": "WINDOW_CLOSED",
  "1004": "WINDOW_CLOSED",
  "1005": "WINDOW_CLOSED",
  "1006": "WINDOW_CLOSED",
  "1007": "WINDOW_CLOSED",
  "1008": "WINDOW_CLOSED",
  "1012": "OPTED_OUT",
  "131050": "OPTED_OUT",
  "4003": "TEMPLATE_REJECTED",
  "4005": "TEMPLATE_REJECTED",
  "1010": "MEDIA_INVALID",
  "1011": "MEDIA_INVALID",
  "131052": "MEDIA_INVALID",
  "131053": "MEDIA_INVALID",
  "4001": "RATE_LIMITED",
  "471": "RATE_LIMITED",
  "130429": "RATE_LIMITED",
  "131048": "RATE_LIMITED",
  "131049": "RATE_LIMITED",
  "131056": "RATE_LIMITED",
  "500": "PROVIDER_ERROR",
  "4002": "PROVIDER_ERROR",
  "131000": "PROVIDER_ERROR",
  "131016": "PROVIDER_ERROR",
  "1003": "ACCOUNT_PROBLEM",
  "1001": "ACCOUNT_PROBLEM",
};

// Enterprise SMS delivery-report error codes (docs/gupshup-formats.md §7.2).
const SMS_CODES: Record<string, string> = {
  "001": "RECIPIENT_UNAVAILABLE",
  "002": "BLOCKED",
  "003": "INVALID_DESTINATION",
  "004": "PROVIDER_ERROR",
  "005": "PROVIDER_ERROR",
  "006": "OPTED_OUT",
  "007": "BLOCKED",
  "008": "OPTED_OUT",
  "009": "RECIPIENT_UNAVAILABLE",
};

/** Our code for a failure the provider reported in a status callback, from its own code. */
export function mapProviderFailure(channel: Channel, providerCode: string | undefined): string {
  const code = providerCode?.trim() ?? "";
  const table = channel === "WHATSAPP" ? WHATSAPP_CODES : SMS_CODES;
  const mapped = table[code];
  if (mapped) return mapped;
  if (/^132\d{3}$/.test(code)) return "TEMPLATE_REJECTED";
  return "UNKNOWN_FAILURE";
}

/** Whether Gupshup said the number has no WhatsApp (1002): the contact panel shows it. */
export function meansNotOnWhatsapp(channel: Channel, providerCode: string | null | undefined): boolean {
  return channel === "WHATSAPP" && providerCode?.trim() === "1002";
}

/** Whether a resend of the same message can succeed: the one test the retry verb and the UI share. */
function isRetryable(failure: { errorCode: string | null; failureKind: string | null }): boolean {
  // Every automatic attempt failed for a passing reason, or nobody knows whether the provider got it:
  // a person's resend can succeed (for AMBIGUOUS, after checking the guest did not get it).
  if (failure.failureKind === "EXHAUSTED" || failure.failureKind === "AMBIGUOUS") return true;
  const code = failure.errorCode ?? "";
  return RETRYABLE.has(code) || /^HTTP_(5\d\d|408|429)$/.test(code);
}

export type FailedMessage = {
  channel: Channel;
  status: string;
  direction: string;
  errorCode: string | null;
  errorMessage: string | null;
  providerErrorCode: string | null;
  providerErrorText: string | null;
  failureKind: string | null;
  failureDismissedAt: Date | null;
  message: string | null;
  templateId: string | null;
  mediaType: string | null;
};

/**
 * What a failed outbound message offers. `smsAvailable`: the guest may get SMS and the property can
 * send it (unknown → offered; the send-as-SMS verb checks again and refuses with the reason).
 */
export function describeFailure(row: FailedMessage, smsAvailable = true): MessageFailure | null {
  if (row.direction !== "OUTBOUND" || row.status !== "FAILED") return null;
  const code = row.errorCode ?? "UNKNOWN_FAILURE";
  const retryable = isRetryable(row);
  const nextSteps: NextStep[] = [];
  let reason: string | null = null;
  if (retryable) nextSteps.push("RETRY");
  else if (row.channel === "WHATSAPP" && (WHATSAPP_UNREACHABLE.has(code) || code === "WINDOW_CLOSED")) {
    const plainText = row.message !== null && row.templateId === null && row.mediaType === null;
    if (plainText && smsAvailable) nextSteps.push("SEND_AS_SMS");
    if (code === "WINDOW_CLOSED") nextSteps.push("SEND_TEMPLATE");
    if (nextSteps.length === 0)
      reason = plainText
        ? "SMS is not available for this guest or property"
        : "only a text message can be sent again as SMS";
  } else reason = noStepReason(code);
  return {
    code,
    providerCode: row.providerErrorCode,
    providerText: row.providerErrorText,
    retryable,
    nextSteps,
    reason,
    dismissedAt: row.failureDismissedAt?.toISOString() ?? null,
  };
}

function noStepReason(code: string): string {
  switch (code) {
    case "OPTED_OUT":
      return "the guest opted out of these messages";
    case "BLOCKED":
      return "the guest's operator blocked the message";
    case "INVALID_DESTINATION":
      return "the phone number is not valid; correct the contact's number";
    case "TEMPLATE_REJECTED":
      return "the template was not accepted; pick another template";
    case "MEDIA_INVALID":
      return "the attachment was refused; send a different file";
    case "NOT_ON_WHATSAPP":
    case "UNDELIVERABLE":
      return "WhatsApp cannot reach this number";
    default:
      return "sending it again would fail the same way; look up the provider's code";
  }
}
