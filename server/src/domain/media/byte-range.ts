import type { ByteRange } from "./media-store";

export type RangeRequest =
  /** No usable Range header (absent, malformed, several ranges): serve the whole file, 200. */
  | { kind: "whole" }
  /** One satisfiable range, clamped to the file: 206. */
  | { kind: "partial"; range: ByteRange }
  /** A well-formed range wholly past the end of the file: 416. */
  | { kind: "unsatisfiable" };

/**
 * Reads an HTTP Range header (RFC 9110 §14) for a file of `size` bytes: one `bytes=` range
 * (`a-b`, `a-`, or the last `-n` bytes). Anything else is ignored, as the RFC allows, and the whole file
 * is served: browsers' audio and video players only ever ask for one range.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (!header) return { kind: "whole" };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return { kind: "whole" };
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return { kind: "whole" };
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(from);
  const end = to === "" ? Number.POSITIVE_INFINITY : Number(to);
  if (end < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", range: { start, end: Math.min(end, size - 1) } };
}
