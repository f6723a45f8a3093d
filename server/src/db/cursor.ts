/** Opaque keyset cursors: the sort key of the last row served, base64url-encoded. */
export function encodeCursor(parts: Array<string | number>): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

type Decoded<T extends ReadonlyArray<"string" | "number">> = {
  [K in keyof T]: T[K] extends "string" ? string : number;
};

/** The parts of a cursor, or undefined when it was not made by encodeCursor with this shape. */
export function decodeCursor<const T extends ReadonlyArray<"string" | "number">>(
  cursor: string,
  shape: T,
): Decoded<T> | undefined {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parts) || parts.length !== shape.length) return undefined;
    if (!parts.every((p, i) => typeof p === shape[i])) return undefined;
    // Every element was checked against the shape just above.
    return parts as unknown as Decoded<T>;
  } catch {
    return undefined;
  }
}
