import { z } from "zod";

// Lenient field schemas for Gupshup's wire formats, whose samples mix numbers, strings and booleans for
// the same field. Ids always come out as strings.

/** A string or number, as a string; empty strings count as missing. */
export const idString = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1));

export const optionalId = idString.optional().catch(undefined);

export const text = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => String(v))
  .optional()
  .catch(undefined);

/** A number, or a numeric string. */
export const numberish = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/),
  ])
  .transform(Number)
  .optional()
  .catch(undefined);

export const boolish = z
  .union([z.boolean(), z.enum(["true", "false", "TRUE", "FALSE", "True", "False"])])
  .transform((v) => v === true || String(v).toLowerCase() === "true")
  .optional()
  .catch(undefined);

/** An epoch timestamp in seconds or milliseconds (Gupshup uses both), as a Date. */
export const epoch = numberish.transform((n) => {
  if (n === undefined || n <= 0) return undefined;
  const date = epochToDate(n);
  // Beyond what a Date can hold (±8.64e15 ms): no timestamp rather than an Invalid Date.
  return Number.isNaN(date.getTime()) ? undefined : date;
});

function epochToDate(n: number): Date {
  return new Date(n < 100_000_000_000 ? n * 1000 : n);
}

/** A value that should be an object; anything else becomes an empty object so lookups stay safe. */
export const record = z.record(z.string(), z.unknown()).catch({});
