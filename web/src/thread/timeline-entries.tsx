import type { CallItem, EmailItem, EventItem, NoteItem } from "@contract/timeline";
import { useStaff } from "@web/api/threads";
import { formatDuration } from "@web/app/format";
import type { z } from "zod";
import { ThreadClock, useThreadTimeZone } from "./thread-time-zone";
import { formatFullMoment } from "./zoned-time";

export function CallEntry({ call }: { call: z.infer<typeof CallItem> }) {
  const missed = call.status.toUpperCase() !== "ANSWERED" && !call.durationSeconds;
  const who = call.direction === "INBOUND" ? "Call from guest" : "Call to guest";
  return (
    <div className={`entry call${missed ? " missed" : ""}`} data-kind="call">
      <span className="entry-icon" aria-hidden="true">
        {missed ? "✆̸" : "✆"}
      </span>
      <div>
        <strong>{missed ? `Missed call (${who.toLowerCase()})` : `${who} · answered`}</strong>
        {call.durationSeconds ? (
          <span className="subtle"> · {formatDuration(call.durationSeconds)}</span>
        ) : null}
        {call.recordingUrl && (
          <a className="entry-link" href={call.recordingUrl} target="_blank" rel="noreferrer">
            Recording
          </a>
        )}
      </div>
      <ThreadClock className="entry-time" at={call.at} />
    </div>
  );
}

export function EmailEntry({ email }: { email: z.infer<typeof EmailItem> }) {
  return (
    <article className={`bubble email ${email.direction.toLowerCase()}`} data-kind="email">
      <div className="bubble-badges">
        <span className="badge channel-email">Email</span>
        <span className="badge direction">{email.direction}</span>
      </div>
      <p className="email-subject">{email.subject ?? "(no subject)"}</p>
      <p className="subtle small">
        {email.from} → {email.to}
      </p>
      {email.body && <p className="bubble-text">{email.body}</p>}
      <footer className="bubble-footer">
        <ThreadClock at={email.at} />
      </footer>
    </article>
  );
}

export function NoteEntry({ note }: { note: z.infer<typeof NoteItem> }) {
  return (
    <aside className="note" data-kind="note" aria-label="Private note">
      <p className="note-label">
        Private note{note.author ? ` · ${note.author.name}` : ""} · <ThreadClock at={note.at} />
      </p>
      <p className="bubble-text">{note.body}</p>
    </aside>
  );
}

export function SystemEventEntry({ event }: { event: z.infer<typeof EventItem> }) {
  const staff = useStaff().data?.staff;
  const nameOf = (id: unknown) =>
    typeof id === "number" ? (staff?.find((s) => s.id === id)?.name ?? `staff #${id}`) : "nobody";
  const timeZone = useThreadTimeZone();
  const data = event.data ?? {};
  const text = describeEvent(event.type, data, nameOf, (iso) => formatFullMoment(iso, timeZone), event.actor);
  return (
    <div className="system-event" data-kind="event">
      <span>{text}</span> · <ThreadClock at={event.at} />
    </div>
  );
}

function describeEvent(
  type: string,
  data: Record<string, unknown>,
  nameOf: (id: unknown) => string,
  moment: (iso: string) => string,
  actor?: { type: string; id: number | null },
): string {
  const who =
    actor?.type === "STAFF" ? nameOf(actor.id) : actor?.type === "API_KEY" ? "An API client" : "The hub";
  const by = data.how === "auto" || data.how === "AUTO" ? " automatically" : "";
  switch (type) {
    case "created":
      return "Conversation started";
    case "assigned":
      return `Assigned to ${nameOf(data.to)}${by}`;
    case "unassigned":
      return `Unassigned from ${nameOf(data.from)}`;
    case "transferred":
      return `Transferred from ${nameOf(data.from)} to ${nameOf(data.to)}${by}`;
    case "status_changed": {
      const to = String(data.to ?? "").toLowerCase();
      if (to === "snoozed" && typeof data.snoozedUntil === "string")
        return `Snoozed until ${moment(data.snoozedUntil)}`;
      return data.reason === "guest_replied" ? "Reopened: the guest replied" : `Marked ${to}`;
    }
    case "reopened":
      return "Reopened";
    case "snooze_ended":
      return "Snooze ended";
    case "booking_linked":
      return `Linked to booking ${String(data.reference ?? "")}`;
    case "label_added":
      return `${who} added the label ${String(data.name ?? "")}`;
    case "label_removed":
      return `${who} removed the label ${String(data.name ?? "")}`;
    case "priority_changed":
      return `${who} set priority to ${String(data.to ?? "none")}`;
    case "merged":
      return "Another conversation was merged into this one";
    default:
      return type.replace(/_/g, " ");
  }
}
