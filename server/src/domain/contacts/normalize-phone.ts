import { AppError } from "@server/errors";
import { isSupportedCountry, type PhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * The canonical form of a phone number a person or an API client wrote: country code + national
 * number, digits only, no '+' (`+91 98765 43210`, `098765 43210`, `919876543210` → `919876543210`).
 * Numbers written without a country code are read in `defaultCountry`. Numbers from a provider's
 * callback go through normalizeInternationalPhone instead. Throws INVALID_PHONE for anything that
 * cannot be a phone number.
 */
export function normalizePhone(input: string | null | undefined, defaultCountry: string): string {
  const text = (input ?? "").trim();
  if (!/\d/.test(text)) throw invalidPhone(text);
  const country = isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  const international = /^\s*(\+|00)/.test(text);
  const digits = text.replace(/\D/g, "");
  const readings: Array<PhoneNumber | undefined> = international
    ? [parsePhoneNumberFromString(`+${digits.replace(/^00/, "")}`)]
    : [parsePhoneNumberFromString(text, country), parsePhoneNumberFromString(`+${digits}`)];
  // Prefer a reading that is valid by the full metadata; fall back to one of a possible length, so
  // numbers from ranges newer than the metadata still work.
  const chosen = readings.find((n) => n?.isValid()) ?? readings.find((n) => n?.isPossible());
  if (chosen) return `${chosen.countryCallingCode}${chosen.nationalNumber}`;
  // Written with its country code ('+' or '00'): the writer said which country; keep the digits even
  // when the metadata does not know the range (+57 123456789).
  if (international && digits.replace(/^00/, "").length >= 7) return normalizeInternationalPhone(digits);
  throw invalidPhone(text);
}

/**
 * A number a provider wrote in international form (country code + national number, no '+', as every
 * Gupshup callback does), kept as given: digits only, never read in DEFAULT_COUNTRY and never judged
 * by the phone metadata, which does not know every new range (`57123456789` stays `57123456789`).
 * Throws INVALID_PHONE only for what cannot be an E.164 number (no digits, more than 15).
 */
export function normalizeInternationalPhone(input: string | null | undefined): string {
  const text = (input ?? "").trim();
  const digits = text.replace(/\D/g, "").replace(/^00/, "");
  if (digits.length === 0 || digits.length > 15) throw invalidPhone(text);
  return digits;
}

function invalidPhone(text: string): AppError {
  return new AppError(
    "INVALID_PHONE",
    text
      ? "not a phone number: expected digits with a country code, e.g. +91 98765 43210"
      : "phone number is empty",
  );
}
