import type { Ctx } from "@server/context";
import { getBusinessHours } from "@server/domain/business-hours/get-business-hours";
import { addWorkingMs, NEVER, workingMsBetween } from "@server/domain/business-hours/working-time";

/** How a property's clock counts: working time when it has business hours, calendar time otherwise. */
export type SlaCalendar = {
  /** The moment `ms` of counted time after `start`; null when the property never opens again. */
  add: (start: Date, ms: number) => Date | null;
  /** Counted time between two moments (0 when `to` is not after `from`). */
  between: (from: Date, to: Date) => number;
};

/** The clock SLA targets of this property are counted on: its business hours, if it keeps them. */
export async function loadSlaCalendar(ctx: Ctx, propertyId: number | null): Promise<SlaCalendar> {
  const hours = propertyId === null ? null : await getBusinessHours(ctx.db, propertyId);
  return {
    add: (start, ms) => {
      const due = addWorkingMs(hours, start, ms);
      return due.getTime() === NEVER.getTime() ? null : due;
    },
    between: (from, to) => workingMsBetween(hours, from, to),
  };
}
