import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * One way to show a phone number across the app: international and grouped, "+91 98450 00098".
 * Numbers are stored as digits with the country code; anything the library cannot read is shown as
 * stored with a plus, so a number is never hidden.
 */
export function formatPhone(stored: string | null | undefined): string {
  if (!stored) return "";
  const digits = stored.replace(/^\+/, "");
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed?.isPossible() ? parsed.formatInternational() : `+${digits}`;
}
