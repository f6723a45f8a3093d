/**
 * The staff-edited profile fields kept in a contact's `metadata` (beside whatever else it holds):
 * `language`, which canned replies already read from there, and `notes`.
 */
export type ContactProfile = { language: string | null; notes: string | null };

export function contactProfile(metadata: unknown): ContactProfile {
  const m = metadata && typeof metadata === "object" ? (metadata as Record<string, unknown>) : {};
  return {
    language: typeof m.language === "string" ? m.language : null,
    notes: typeof m.notes === "string" ? m.notes : null,
  };
}

/** `metadata` with the profile fields set; a null field is removed. */
export function withProfile(metadata: unknown, profile: Partial<ContactProfile>): Record<string, unknown> {
  const out = metadata && typeof metadata === "object" ? { ...(metadata as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(profile)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** The kept contact's metadata after a merge: its own fields win, notes of both are kept. */
export function mergedMetadata(kept: unknown, duplicate: unknown): Record<string, unknown> {
  const base = withProfile(duplicate, {});
  const merged = { ...base, ...withProfile(kept, {}) };
  const notes = [contactProfile(kept).notes, contactProfile(duplicate).notes].filter(
    (n, i, all): n is string => !!n && all.indexOf(n) === i,
  );
  return withProfile(merged, { notes: notes.length ? notes.join("\n\n") : null });
}
