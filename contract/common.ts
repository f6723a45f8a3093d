import { z } from "zod";

/** An ISO-8601 UTC timestamp on the wire. */
export const Timestamp = z.iso.datetime();

// PostgreSQL text cannot hold a NUL byte: one that reached a query would be a 500, not a 400.

/** Free text from a query string (a search term, a filter): trimmed, 1..max characters, no NUL byte. */
export const QueryText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !v.includes("\0"), "must not contain a NUL byte");

/** Opaque pagination cursor: pass `nextCursor` back as `cursor`; null when there is no more. */
export const Cursor = z
  .string()
  .min(1)
  .max(200)
  .refine((v) => !v.includes("\0"), "must not contain a NUL byte");

export const PageLimit = z.coerce.number().int().min(1).max(100).default(25);

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export type IdParams = z.infer<typeof IdParams>;

/** Query-string boolean: `true`/`false`/`1`/`0`. */
export const QueryBoolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
