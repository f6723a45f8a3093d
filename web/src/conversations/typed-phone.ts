import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";

export type TypedPhone = { digits: string; display: string };

/**
 * A number as staff typed it, read the way the server reads it (normalizePhone): with "+" or "00" it
 * carries its country code, otherwise it is read in `country`; a reading valid by the full metadata wins,
 * else one of a possible length. Undefined when it cannot be a phone number (the server would say 400).
 */
export function readTypedPhone(text: string, country: string): TypedPhone | undefined {
  const trimmed = text.trim();
  if (!/\d/.test(trimmed)) return undefined;
  const region = isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const international = /^\s*(\+|00)/.test(trimmed);
  const digits = trimmed.replace(/\D/g, "");
  const readings: Array<PhoneNumber | undefined> = international
    ? [parsePhoneNumberFromString(`+${digits.replace(/^00/, "")}`)]
    : [parsePhoneNumberFromString(trimmed, region), parsePhoneNumberFromString(`+${digits}`)];
  const chosen = readings.find((n) => n?.isValid()) ?? readings.find((n) => n?.isPossible());
  if (chosen)
    return {
      digits: `${chosen.countryCallingCode}${chosen.nationalNumber}`,
      display: chosen.formatInternational(),
    };
  const plain = digits.replace(/^00/, "");
  if (international && plain.length >= 7 && plain.length <= 15)
    return { digits: plain, display: `+${plain}` };
  return undefined;
}

export type CountryChoice = { code: string; label: string };

/** Every country the phone metadata knows, by name in the browser's language: "India (+91)". */
export function countryChoices(): CountryChoice[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(undefined, { type: "region" });
  } catch {
    names = undefined;
  }
  return getCountries()
    .map((code) => ({ code, name: names?.of(code) ?? code, calling: getCountryCallingCode(code) }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ code: c.code, label: `${c.name} (+${c.calling})` }));
}
