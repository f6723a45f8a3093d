import type { ThreadDetailResponse } from "@contract/threads";

// Templates carry only their body with {{n}} placeholders (server/src/domain/outbound/sync-templates.ts):
// no parameter names or samples. What each placeholder is for is read from the words around it
// ("your booking {{2}}", "Hello {{1}},"), which also names the field and shows it in context.

export type FieldKind = "guestName" | "bookingReference" | "property" | "checkIn" | "checkOut";

export type TemplateField = {
  /** 1-based, as in {{n}}. */
  n: number;
  kind: FieldKind | undefined;
  label: string;
  /** The template's words around the placeholder: "…your booking {{2}} at…". */
  context: string;
};

const LABELS: Record<FieldKind, string> = {
  guestName: "Guest name",
  bookingReference: "Booking reference",
  property: "Property",
  checkIn: "Check-in date",
  checkOut: "Check-out date",
};

// Tried in order on the text just before the placeholder (its sentence, lower case).
const BEFORE: Array<[RegExp, FieldKind | null]> = [
  [/(booking|reservation|reference|confirmation)( (number|no\.?|id|code|ref))?:?\s*$/, "bookingReference"],
  [/(starts|begins|opens|time) (at|from)\s*$/, null],
  [/(check-?out|checking out|leav\w*|depart\w*|until|till)( on| date)?:?\s*$/, "checkOut"],
  [/(check-?in|arriv\w*|confirmed for|for|on|from)( on| date)?:?\s*$/, "checkIn"],
  [/(welcome to|stay(ing)? (at|with)|at|to)\s*$/, "property"],
  [/(^|\W)(hello|hi|hey|dear|good (morning|afternoon|evening))\s*,?\s*$/, "guestName"],
];

function kindOf(before: string, after: string): FieldKind | undefined {
  for (const [pattern, kind] of BEFORE) if (pattern.test(before)) return kind ?? undefined;
  // "Thank you for staying with us, {{1}}." / "…, {{2}}!": a name addressed at the end of a sentence.
  if (/,\s*$/.test(before) && /^\s*[.!?,]/.test(after)) return "guestName";
  return undefined;
}

const CONTEXT = 18;

/** A field per placeholder of the body, named where the words around it say what it is. */
export function templateFields(body: string, paramCount: number): TemplateField[] {
  const fields: TemplateField[] = [];
  for (let n = 1; n <= paramCount; n++) {
    const at = new RegExp(`\\{\\{\\s*${n}\\s*\\}\\}`).exec(body);
    if (!at) {
      fields.push({ n, kind: undefined, label: `Field ${n}`, context: "" });
      continue;
    }
    // Its sentence: from the last ". A", "! A", "? A" or "|" ("no. 5" does not end one).
    const head = body.slice(0, at.index);
    const ends = [...head.matchAll(/([.!?]\s+(?=[A-Z])|\|)/g)].at(-1);
    const before = head.slice(ends ? (ends.index ?? 0) + ends[0].length : 0).toLowerCase();
    const after = body.slice(at.index + at[0].length);
    const kind = kindOf(before, after);
    // Whole words only: a cut word (or a cut "{{1}}") reads as noise.
    const cutBefore = at.index > CONTEXT;
    const cutAfter = after.length > CONTEXT;
    const shortBefore = cutBefore ? head.slice(-CONTEXT).replace(/^\S*\s/, "") : head;
    const shortAfter = cutAfter ? after.slice(0, CONTEXT).replace(/\s\S*$/, "") : after;
    fields.push({
      n,
      kind,
      label: kind ? LABELS[kind] : `Field ${n}`,
      context: `${cutBefore ? "…" : ""}${shortBefore}{{${n}}}${shortAfter}${cutAfter ? "…" : ""}`,
    });
  }
  return fields;
}

/** A booking's calendar date ("2026-12-08"), as the property writes it: "Tue, 8 Dec 2026". */
export function formatStayDate(isoDate: string): string {
  // A date without a time: it is already the property's local day, so no zone may shift it.
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** The value the thread already knows for a field, or "" (staff fill it in). */
export function prefillValue(
  kind: FieldKind | undefined,
  detail: Pick<ThreadDetailResponse, "thread" | "contact" | "booking">,
): string {
  const { booking } = detail;
  switch (kind) {
    case "guestName":
      return detail.contact.name ?? booking?.guestName ?? "";
    case "bookingReference":
      return booking?.reference ?? detail.thread.bookingReference ?? "";
    case "property":
      return detail.thread.property?.name ?? "";
    case "checkIn":
      return booking ? formatStayDate(booking.checkIn) : "";
    case "checkOut":
      return booking ? formatStayDate(booking.checkOut) : "";
    default:
      return "";
  }
}
