import { z } from "zod";

/** Ratings run from 1 (very poor) to 5 (excellent). */
export const CSAT_MIN_RATING = 1;
export const CSAT_MAX_RATING = 5;

export const DEFAULT_CSAT_SURVEY_TEXT = "How would you rate your experience with us?";

export const CsatSettingsDto = z.object({
  propertyId: z.number(),
  enabled: z.boolean(),
  /** Minutes after the thread is resolved before the survey goes out (0 = at once). */
  delayMinutes: z.number().int(),
  /** The approved WhatsApp template (by name) used outside the 24-hour window; null skips those guests. */
  templateName: z.string().nullable(),
  surveyText: z.string(),
});
export type CsatSettingsDto = z.infer<typeof CsatSettingsDto>;

export const CsatSettingsBody = z.object({
  enabled: z.boolean(),
  delayMinutes: z.number().int().min(0).max(10_080),
  templateName: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .transform((name) => (name ? name : null)),
  surveyText: z.string().trim().min(1).max(500),
});
export type CsatSettingsBody = z.infer<typeof CsatSettingsBody>;

export const CsatSettingsResponse = z.object({ settings: CsatSettingsDto });

const Count = z.number().int().nonnegative();

/**
 * Satisfaction over surveys sent in the range: how many went out, how many were answered, the share
 * answered (0–1, null when none went out), the average rating (null without answers) and the count
 * per rating.
 */
export const CsatReportRow = z.object({
  sent: Count,
  responses: Count,
  responseRate: z.number().nullable(),
  average: z.number().nullable(),
  rated1: Count,
  rated2: Count,
  rated3: Count,
  rated4: Count,
  rated5: Count,
});
export type CsatReportRow = z.infer<typeof CsatReportRow>;

export const CsatReport = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  propertyId: z.number().nullable(),
  rows: z.array(CsatReportRow),
});
export type CsatReport = z.infer<typeof CsatReport>;
