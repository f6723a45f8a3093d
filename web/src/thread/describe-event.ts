import type { EventItem } from "@contract/timeline";
import type { z } from "zod";
import { describeCsatEvent } from "./describe-csat-event";

type Event = z.infer<typeof EventItem>;
type Actor = Event["actor"];

// How the hub itself assigns: round-robin, the reopen rules. A person's change is "manual".
const AUTOMATIC_HOW = new Set(["round_robin", "sticky", "reopen_unassigned"]);

/** "Ravi Kumar", "API: PMS bridge", or null when the hub did it on its own. */
export function actorName(actor: Actor): string | null {
  if (actor.type === "STAFF") return actor.name ?? "a former colleague";
  if (actor.type === "API_KEY") return `API: ${actor.name ?? "a revoked key"}`;
  return null;
}

/** " by Ravi Kumar", " by API: PMS bridge" or " automatically". */
function by(actor: Actor): string {
  const name = actorName(actor);
  return name ? ` by ${name}` : " automatically";
}

/**
 * A system event in words, naming who did it: "Resolved by Ravi Kumar", "Transferred from Manoj
 * Desai to Ravi Kumar by Manoj Desai", "Assigned to Meera Nair automatically".
 */
export function describeEvent(event: Event, moment: (iso: string) => string): string {
  const data = event.data ?? {};
  const nameOf = (id: unknown) =>
    typeof id === "number" ? (event.names[String(id)] ?? `staff #${id}`) : "nobody";
  const actor = event.actor;
  const who = actorName(actor) ?? "The hub";
  const how = typeof data.how === "string" ? data.how : "manual";
  switch (event.type) {
    case "created":
      return "Conversation started";
    case "assigned":
      if (AUTOMATIC_HOW.has(how)) return `Assigned to ${nameOf(data.to)} automatically`;
      if (actor.type === "STAFF" && actor.id === data.to) return `Taken by ${nameOf(data.to)}`;
      return `Assigned to ${nameOf(data.to)}${by(actor)}`;
    case "unassigned":
      if (how === "moved") return `Unassigned from ${nameOf(data.from)}: moved to another property`;
      if (how === "deactivated") return `Unassigned from ${nameOf(data.from)}: no longer active`;
      return `Unassigned from ${nameOf(data.from)}${by(actor)}`;
    case "transferred":
      return `Transferred from ${nameOf(data.from)} to ${nameOf(data.to)}${
        AUTOMATIC_HOW.has(how) ? " automatically" : by(actor)
      }`;
    case "property_changed":
      return `Moved from ${String(data.fromPropertyName ?? "no property")} to ${String(
        data.toPropertyName ?? "another property",
      )}${by(actor)}${typeof data.unlinkedBooking === "string" ? ` (booking ${data.unlinkedBooking} unlinked)` : ""}`;
    case "status_changed": {
      if (data.reason === "guest_replied") return "Reopened: the guest replied";
      const to = String(data.to ?? "").toLowerCase();
      if (to === "snoozed" && typeof data.snoozedUntil === "string")
        return `Snoozed until ${moment(data.snoozedUntil)}${by(actor)}`;
      if (to === "resolved") return `Resolved${by(actor)}`;
      if (to === "open" && data.from === "RESOLVED") return `Reopened${by(actor)}`;
      return `Marked ${to}${by(actor)}`;
    }
    case "reopened":
      return actor.type === "SYSTEM" ? "Reopened" : `Reopened${by(actor)}`;
    case "snooze_ended":
      return "Snooze ended";
    case "sla_breached":
      return `SLA breached: ${String(data.kind ?? "")
        .toLowerCase()
        .replace(/_/g, " ")}`;
    case "booking_linked":
      return `Linked to booking ${String(data.reference ?? "")}${actor.type === "SYSTEM" ? "" : by(actor)}`;
    case "label_added":
      return `${who} added the label ${String(data.name ?? "")}`;
    case "label_removed":
      return `${who} removed the label ${String(data.name ?? "")}`;
    case "priority_changed":
      return `${who} set priority to ${String(data.to ?? "none")}`;
    case "merged":
      return `Another conversation was merged into this one${actor.type === "SYSTEM" ? "" : by(actor)}`;
    case "csat_survey_sent":
    case "csat_survey_skipped":
    case "csat_rated":
      return describeCsatEvent(event.type, data);
    default:
      return event.type.replace(/_/g, " ");
  }
}
