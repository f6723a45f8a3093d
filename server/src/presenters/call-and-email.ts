import type { CallItem, EmailItem } from "@contract/timeline";
import type { CallLog } from "@server/domain/calls/record-call";
import type { EmailMessage } from "@server/domain/emails/record-email";
import type { z } from "zod";

export function presentCall(c: CallLog): z.infer<typeof CallItem> {
  return {
    kind: "call",
    id: c.id,
    at: c.startedAt.toISOString(),
    direction: c.direction,
    status: c.status,
    phone: c.phone,
    durationSeconds: c.durationSeconds,
    recordingUrl: c.recordingUrl,
  };
}

export function presentEmail(e: EmailMessage): z.infer<typeof EmailItem> {
  return {
    kind: "email",
    id: e.id,
    at: e.sentAt.toISOString(),
    direction: e.direction,
    from: e.fromEmail,
    to: e.toEmail,
    subject: e.subject,
    body: e.body,
  };
}
