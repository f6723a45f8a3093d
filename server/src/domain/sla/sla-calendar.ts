import type { Ctx } from "@server/context";

/** How a property's clock counts: working time when it has business hours, calendar time otherwise. */
export type SlaCalendar = {
  /** The moment `ms` of counted time after `start`. */
  add: (start: Date, ms: number) => Date;
  /** Counted time between two moments (0 when `to` is not after `from`). */
  between: (from: Date, to: Date) => number;
};

/** The clock SLA targets of this property are counted on. */
export async function loadSlaCalendar(_ctx: Ctx, _propertyId: number | null): Promise<SlaCalendar> {
  return {
    add: (start, ms) => new Date(start.getTime() + ms),
    between: (from, to) => Math.max(0, to.getTime() - from.getTime()),
  };
}
