import { z } from "zod";

const HOUR_MINUTE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One stretch of opening time in local "HH:MM"; a close before the open runs past midnight. */
export const DayHours = z
  .object({
    open: z.string().regex(HOUR_MINUTE, "a time from 00:00 to 23:59"),
    close: z.string().refine((v) => v === "24:00" || HOUR_MINUTE.test(v), "a time from 00:00 to 24:00"),
  })
  .refine((d) => d.open !== d.close, {
    message: "opening and closing times must differ",
    path: ["close"],
  });
export type DayHours = z.infer<typeof DayHours>;

const LocalDate = z.iso.date();

export const Closure = z.object({
  date: LocalDate,
  label: z.string().trim().max(100).optional(),
});

export const BusinessHoursBody = z.object({
  /** Off: the property counts as open around the clock (no out-of-hours replies). */
  enabled: z.boolean(),
  /** Seven days, Sunday first; an empty day is closed. At most four stretches a day. */
  weekly: z.array(z.array(DayHours).max(4)).length(7),
  closures: z
    .array(Closure)
    .max(366)
    .refine((list) => new Set(list.map((c) => c.date)).size === list.length, "each date at most once"),
});
export type BusinessHoursBody = z.infer<typeof BusinessHoursBody>;

export const BusinessHoursResponse = z.object({
  businessHours: BusinessHoursBody.extend({
    propertyId: z.number(),
    /** The property's time zone (set on the property); all times above are local to it. */
    timeZone: z.string(),
    /** Whether the property counts as open at the time of the request. */
    openNow: z.boolean(),
  }),
});
export type BusinessHoursResponse = z.infer<typeof BusinessHoursResponse>;

const ReplyText = z.string().trim().max(1000);

export const AutoReplyBody = z
  .object({
    outOfHoursEnabled: z.boolean(),
    /** Sent as free text while the guest's WhatsApp window is open, and always on SMS. */
    outOfHoursText: ReplyText,
    /** The approved WhatsApp template for a closed window; null skips the reply there. */
    outOfHoursTemplateName: z.string().trim().min(1).max(200).nullable(),
    outOfHoursTemplateParams: z.array(z.string().trim().min(1).max(200)).max(10),
    /** At most one out-of-hours reply per conversation in this many minutes (1 minute to 7 days). */
    minIntervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    greetingEnabled: z.boolean(),
    /** Sent once to a guest whose very first message this is. */
    greetingText: ReplyText,
  })
  .refine((b) => !b.outOfHoursEnabled || b.outOfHoursText !== "" || b.outOfHoursTemplateName !== null, {
    message: "an enabled out-of-hours reply needs a text or a template",
    path: ["outOfHoursText"],
  })
  .refine((b) => !b.greetingEnabled || b.greetingText !== "", {
    message: "an enabled greeting needs a text",
    path: ["greetingText"],
  });
export type AutoReplyBody = z.infer<typeof AutoReplyBody>;

export const AutoReplyResponse = z.object({
  autoReply: z.object({
    propertyId: z.number(),
    outOfHoursEnabled: z.boolean(),
    outOfHoursText: z.string(),
    outOfHoursTemplateName: z.string().nullable(),
    outOfHoursTemplateParams: z.array(z.string()),
    minIntervalMinutes: z.number(),
    greetingEnabled: z.boolean(),
    greetingText: z.string(),
  }),
});
export type AutoReplyResponse = z.infer<typeof AutoReplyResponse>;
