import type { EventItem } from "@contract/timeline";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { describeEvent } from "./describe-event";

type Event = z.infer<typeof EventItem>;
const ravi = { type: "STAFF" as const, id: 1, name: "Ravi Kumar" };
const manoj = { type: "STAFF" as const, id: 2, name: "Manoj Desai" };
const names = { "1": "Ravi Kumar", "2": "Manoj Desai" };
const event = (type: string, actor: Event["actor"], data: Record<string, unknown>): Event => ({
  kind: "event",
  id: 1,
  at: "2026-12-07T10:00:00.000Z",
  type,
  actor,
  data,
  names,
});
const say = (e: Event) => describeEvent(e, (iso) => iso);

describe(describeEvent.name, () => {
  it("names who did it", () => {
    expect(say(event("status_changed", ravi, { from: "OPEN", to: "RESOLVED" }))).toBe(
      "Resolved by Ravi Kumar",
    );
    expect(say(event("transferred", manoj, { from: 2, to: 1, how: "manual" }))).toBe(
      "Transferred from Manoj Desai to Ravi Kumar by Manoj Desai",
    );
    expect(say(event("assigned", { type: "API_KEY", id: 4, name: "PMS" }, { to: 1, how: "manual" }))).toBe(
      "Assigned to Ravi Kumar by API: PMS",
    );
    expect(say(event("assigned", ravi, { to: 1, how: "manual" }))).toBe("Taken by Ravi Kumar");
    expect(
      say(event("property_changed", manoj, { fromPropertyName: "Pod Goa", toPropertyName: "Pod Bengaluru" })),
    ).toBe("Moved from Pod Goa to Pod Bengaluru by Manoj Desai");
  });

  it("says when the hub did it on its own", () => {
    const system = { type: "SYSTEM" as const, id: null, name: null };
    expect(say(event("sla_breached", system, { kind: "NEXT_RESPONSE", dueAt: "2026-12-07T10:00:00Z" }))).toBe(
      "SLA breached: next response",
    );
    expect(say(event("assigned", system, { from: null, to: 1, how: "round_robin" }))).toBe(
      "Assigned to Ravi Kumar automatically",
    );
    expect(say(event("unassigned", manoj, { from: 1, to: null, how: "moved" }))).toBe(
      "Unassigned from Ravi Kumar: moved to another property",
    );
    expect(
      say(event("status_changed", system, { from: "SNOOZED", to: "OPEN", reason: "guest_replied" })),
    ).toBe("Reopened: the guest replied");
  });
});
