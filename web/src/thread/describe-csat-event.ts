// The satisfaction survey's timeline events in words.

const SKIP_REASONS: Record<string, string> = {
  reopened: "the conversation was reopened first",
  opted_out: "the guest opted out",
  no_template: "the WhatsApp window had closed and no survey template is set",
  template_not_found: "the WhatsApp window had closed and the survey template is not an approved one",
  no_channel: "the guest never wrote on WhatsApp or SMS",
};

const KINDS: Record<string, string> = {
  interactive: "on WhatsApp",
  template: "on WhatsApp (template)",
  sms: "by SMS",
};

/** "Satisfaction survey sent on WhatsApp", "Satisfaction survey not sent: the guest opted out", "Guest rated 4/5". */
export function describeCsatEvent(type: string, data: Record<string, unknown>): string {
  if (type === "csat_rated") return `Guest rated ${String(data.rating ?? "?")}/5`;
  if (type === "csat_survey_sent") return `Satisfaction survey sent ${KINDS[String(data.kind)] ?? ""}`.trim();
  const reason = String(data.reason ?? "");
  return `Satisfaction survey not sent: ${SKIP_REASONS[reason] ?? reason.replace(/_/g, " ")}`;
}
