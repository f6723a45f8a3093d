import type { EventItem } from "@contract/timeline";
import type { z } from "zod";
import { ThreadClock } from "./thread-time-zone";
import "./csat-rating-entry.css";

/** The guest's survey answer on the timeline: the rating as stars and words, and their comment. */
export function CsatRatingEntry({ event, text }: { event: z.infer<typeof EventItem>; text: string }) {
  const rating = Number(event.data?.rating ?? 0);
  const comment = typeof event.data?.comment === "string" ? event.data.comment : null;
  return (
    <figure className="csat-rating" data-kind="event" data-testid="csat-rating">
      <figcaption>
        <span className="csat-stars" aria-hidden="true">
          {"★".repeat(rating)}
          <span className="csat-stars-empty">{"★".repeat(Math.max(0, 5 - rating))}</span>
        </span>
        <strong>{text}</strong> · <ThreadClock at={event.at} />
      </figcaption>
      {comment && <blockquote className="csat-comment">“{comment}”</blockquote>}
    </figure>
  );
}
