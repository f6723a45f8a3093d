import { z } from "zod";

/** The longest date range a report covers (a leap year, both ends included). */
export const MAX_REPORT_DAYS = 366;

export const ReportGroupBy = z.enum(["day", "hour-of-week"]);
export type ReportGroupBy = z.infer<typeof ReportGroupBy>;

/**
 * A report's query string. `from`/`to` are calendar dates, both included, read in each property's own time
 * zone (a thread without a property: the default zone). `groupBy` applies to the overview only.
 */
export const ReportQuery = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    propertyId: z.coerce.number().int().positive().optional(),
    groupBy: ReportGroupBy.default("day"),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .refine((q) => q.from <= q.to, { message: "from must not be after to", path: ["to"] })
  .refine((q) => reportDays(q.from, q.to) <= MAX_REPORT_DAYS, {
    message: `the range may cover at most ${MAX_REPORT_DAYS} days`,
    path: ["to"],
  });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** Days in [from, to], both included. */
export function reportDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const Count = z.number().int().nonnegative();
const Seconds = z.number().nullable();

/** One bucket (a local date `2026-11-01`, or an hour of the week `Mon 09`) of the overview. */
export const OverviewRow = z.object({
  bucket: z.string(),
  opened: Count,
  resolved: Count,
  whatsappIn: Count,
  whatsappOut: Count,
  smsIn: Count,
  smsOut: Count,
});
export type OverviewRow = z.infer<typeof OverviewRow>;

/** First-response and resolution times in seconds: the whole scope, then per agent, then per property. */
export const ResponseTimeRow = z.object({
  scope: z.enum(["overall", "agent", "property"]),
  /** The staff id (agent) or property id; null for overall and for unassigned threads. */
  key: z.number().int().nullable(),
  name: z.string(),
  firstResponses: Count,
  firstResponseMedianSeconds: Seconds,
  firstResponseP90Seconds: Seconds,
  resolved: Count,
  resolutionMedianSeconds: Seconds,
  resolutionP90Seconds: Seconds,
});
export type ResponseTimeRow = z.infer<typeof ResponseTimeRow>;

/** Outcomes of outbound messages per channel; `sent` includes delivered and read, `delivered` includes read. */
export const DeliveryRow = z.object({
  channel: z.enum(["WHATSAPP", "SMS"]),
  total: Count,
  pending: Count,
  sent: Count,
  delivered: Count,
  read: Count,
  failed: Count,
  sentRate: z.number(),
  deliveredRate: z.number(),
  readRate: z.number(),
  failedRate: z.number(),
});
export type DeliveryRow = z.infer<typeof DeliveryRow>;

/** The most frequent provider error codes among failed outbound messages. */
export const DeliveryErrorRow = z.object({
  channel: z.enum(["WHATSAPP", "SMS"]),
  providerErrorCode: z.string(),
  errorCode: z.string().nullable(),
  count: Count,
  sampleText: z.string().nullable(),
});
export type DeliveryErrorRow = z.infer<typeof DeliveryErrorRow>;

/** Inbound messages per local day of the week (1 = Monday … 7 = Sunday) and hour (0–23); all 168 cells. */
export const BusiestHourRow = z.object({
  dayOfWeek: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  inbound: Count,
});
export type BusiestHourRow = z.infer<typeof BusiestHourRow>;

const envelope = <T extends z.ZodTypeAny>(row: T) =>
  z.object({
    from: z.iso.date(),
    to: z.iso.date(),
    propertyId: z.number().nullable(),
    rows: z.array(row),
  });

export const OverviewReport = envelope(OverviewRow).extend({ groupBy: ReportGroupBy });
export type OverviewReport = z.infer<typeof OverviewReport>;
export const ResponseTimesReport = envelope(ResponseTimeRow);
export type ResponseTimesReport = z.infer<typeof ResponseTimesReport>;
export const DeliveryReport = envelope(DeliveryRow);
export type DeliveryReport = z.infer<typeof DeliveryReport>;
export const DeliveryErrorsReport = envelope(DeliveryErrorRow);
export type DeliveryErrorsReport = z.infer<typeof DeliveryErrorsReport>;
export const BusiestHoursReport = envelope(BusiestHourRow);
export type BusiestHoursReport = z.infer<typeof BusiestHoursReport>;

const REPORT_NAMES = [
  "overview",
  "response-times",
  "delivery",
  "delivery-errors",
  "busiest-hours",
  "csat",
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** CSV of a report's rows: a header of the row's keys, then one line per row (RFC 4180 quoting). */
export function reportCsv(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): string {
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return "";
    const text = String(value);
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [columns.join(","), ...rows.map((row) => columns.map((c) => cell(row[c])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
