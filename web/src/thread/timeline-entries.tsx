import type { CallItem, EmailItem, EventItem, NoteItem } from "@contract/timeline";
import { formatDuration } from "@web/app/format";
import type { z } from "zod";
import { CsatRatingEntry } from "./csat-rating-entry";
import { describeEvent } from "./describe-event";
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
  const timeZone = useThreadTimeZone();
  const text = describeEvent(event, (iso) => formatFullMoment(iso, timeZone));
  if (event.type === "csat_rated") return <CsatRatingEntry event={event} text={text} />;
  return (
    <div className="system-event" data-kind="event">
      <span>{text}</span> · <ThreadClock at={event.at} />
    </div>
  );
}
