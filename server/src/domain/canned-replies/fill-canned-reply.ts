import { VARIABLE_PATTERN } from "@contract/canned-reply-variables";

/**
 * The language to use: the one asked for, else the guest's, else the reply's first. "pt-br" falls back
 * to "pt" (and the other way round) before moving on.
 */
export function pickLanguage(
  texts: Record<string, string>,
  wanted: Array<string | undefined>,
): string | undefined {
  const available = Object.keys(texts);
  for (const language of wanted) {
    if (!language) continue;
    const lower = language.toLowerCase();
    const base = lower.split("-")[0] ?? lower;
    const found =
      available.find((l) => l === lower) ??
      available.find((l) => l === base) ??
      available.find((l) => l.split("-")[0] === base);
    if (found) return found;
  }
  return available[0];
}

/**
 * Replaces every `{{variable}}` by its value; variables without a value become empty and are listed
 * (once each, in order of appearance) so the sender can fill them in.
 */
export function fillCannedReply(
  text: string,
  values: Record<string, string | null | undefined>,
): { text: string; emptyVariables: string[] } {
  const empty: string[] = [];
  const filled = text.replace(VARIABLE_PATTERN, (_, name: string) => {
    const value = values[name]?.trim();
    if (value) return value;
    if (!empty.includes(name)) empty.push(name);
    return "";
  });
  return { text: filled, emptyVariables: empty };
}

/** A booking's calendar date (the property's local date, as the booking system gives it) for people. */
export function formatStayDate(date: string, language: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const at = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  const options: Intl.DateTimeFormatOptions = {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  };
  try {
    return new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, options).format(at);
  } catch {
    return new Intl.DateTimeFormat("en-GB", options).format(at);
  }
}

/** The first word of a name ("Asha Rao" → "Asha"). */
export function firstName(name: string | null | undefined): string | undefined {
  return name?.trim().split(/\s+/)[0] || undefined;
}
