import { ApiError } from "@web/api/http-client";

const ERROR_HINTS: Partial<Record<string, string>> = {
  SESSION_WINDOW_CLOSED: "WhatsApp refused free text: the 24-hour window is closed. Send a template instead.",
  CONTACT_OPTED_OUT: "The guest has opted out of this channel.",
  TEMPLATE_INVALID: "The template was refused.",
  PROVIDER_DISABLED: "Sending is switched off on this server.",
};

/** A refused send in words: what it means for the person at the desk, then the server's own message. */
export function describeSendError(err: unknown): string {
  const code = err instanceof ApiError ? err.code : undefined;
  const hint = code ? ERROR_HINTS[code] : undefined;
  return `${hint ? `${hint} ` : ""}${err instanceof Error ? err.message : String(err)}`;
}
