// No zod here: the web app imports this.

/** The variables a canned reply may use; anything else in `{{…}}` is refused when saved. */
export const CANNED_REPLY_VARIABLES = [
  "guest.first_name",
  "guest.name",
  "booking.reference",
  "booking.check_in",
  "booking.check_out",
  "property.name",
  "staff.first_name",
] as const;
export type CannedReplyVariable = (typeof CANNED_REPLY_VARIABLES)[number];

/** `{{ name }}` occurrences: the names (trimmed) in order of appearance, duplicates kept. */
export const VARIABLE_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE_PATTERN)].map((m) => m[1] ?? "");
}
