import { z } from "zod";

/** An ISO-8601 UTC timestamp on the wire. */
export const Timestamp = z.iso.datetime();

/** Opaque pagination cursor: pass `nextCursor` back as `cursor`; null when there is no more. */
export const Cursor = z.string().min(1).max(200);

export const PageLimit = z.coerce.number().int().min(1).max(100).default(25);

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export type IdParams = z.infer<typeof IdParams>;

/** Query-string boolean: `true`/`false`/`1`/`0`. */
export const QueryBoolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
