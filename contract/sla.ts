import { z } from "zod";
import { ThreadChannel } from "./channels";
import { ThreadPriority } from "./labels";

/** The three response-time targets. */
export const SlaKind = z.enum(["FIRST_RESPONSE", "NEXT_RESPONSE", "RESOLUTION"]);
export type SlaKind = z.infer<typeof SlaKind>;

// Up to 90 days; seconds so that a policy can be as short as a test or a demo needs.
const TargetSeconds = z
  .number()
  .int()
  .min(1)
  .max(90 * 86_400)
  .nullable();

/**
 * One policy of a property: with neither channel nor priority it is the property's default; the most
 * specific matching policy applies to a thread (channel and priority, then channel, then priority).
 * Counted in the property's business hours when it has them. A null target is not measured.
 */
export const SlaPolicy = z.object({
  channel: ThreadChannel.nullable(),
  priority: ThreadPriority.nullable(),
  firstResponseSeconds: TargetSeconds,
  nextResponseSeconds: TargetSeconds,
  resolutionSeconds: TargetSeconds,
  /** Stop the clocks while the thread is snoozed or pending (waiting on the guest). */
  pauseWhileSnoozed: z.boolean(),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const SlaPoliciesResponse = z.object({ policies: z.array(SlaPolicy) });
export type SlaPoliciesResponse = z.infer<typeof SlaPoliciesResponse>;

/** PUT replaces the property's policies with these (an empty list removes them all). */
export const PutSlaPoliciesBody = z
  .object({ policies: z.array(SlaPolicy).max(50) })
  .refine((b) => new Set(b.policies.map((p) => `${p.channel}|${p.priority}`)).size === b.policies.length, {
    message: "at most one policy per channel and priority",
    path: ["policies"],
  });
export type PutSlaPoliciesBody = z.infer<typeof PutSlaPoliciesBody>;

/** The running target a thread's inbox row shows: the one due first. */
export const ThreadSla = z.object({
  kind: SlaKind,
  dueAt: z.iso.datetime(),
  /** Set by the breach sweep: the row is red. */
  breachedAt: z.iso.datetime().nullable(),
});
export type ThreadSla = z.infer<typeof ThreadSla>;

/** GET /api/reports/sla: per target, how many ended in the range and how many were met in time. */
export const SlaAttainmentRow = z.object({
  kind: SlaKind,
  met: z.number(),
  breached: z.number(),
  /** met / (met + breached), 0–100 with one decimal; null when none ended in the range. */
  attainmentPercent: z.number().nullable(),
});
export type SlaAttainmentRow = z.infer<typeof SlaAttainmentRow>;
