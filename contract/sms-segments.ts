// The SMS rules the server (send limit, Gupshup's msg_type) and the web composer (the counter under the
// text box) must agree on. No zod here: the web imports this module, and it must stay cheap to load.
//
// SMS length is counted in segments, not characters (GSM 03.38 / 3GPP TS 23.038): GSM-7 text fits 160
// septets in one segment and 153 per part once split (each part spends 7 on the concatenation header).
// One character outside GSM-7 switches the whole message to UCS-2: 70 UTF-16 units, then 67 per part.
// Characters of the extension table (€, [, ] …) take two septets (an escape and the character).
//
// An empty text is 0 segments: nothing can be submitted, so nothing is billed. Gupshup bills an SMS per
// submitted part, and its send API refuses a message without text (the server refuses it before that, with
// a 400), so no message that reaches the network is ever 0 segments.

/** GSM 03.38 basic character set: one septet each. */
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** GSM 03.38 extension table: two septets each (escape + character). */
const GSM7_EXTENSION = "\f^{}\\[~]|€";

export type SmsEncoding = "GSM-7" | "UCS-2";

export type SmsCount = {
  encoding: SmsEncoding;
  /** Characters as the network counts them: septets for GSM-7, UTF-16 units for UCS-2. */
  units: number;
  segments: number;
  /** Units left before the message needs another segment. */
  remaining: number;
  perSegment: number;
};

/** Whether the whole text fits the GSM-7 alphabet (Gupshup's SMS `msg_type` TEXT, else UNICODE_TEXT). */
export function isGsm7(text: string): boolean {
  return gsm7Septets(text) !== undefined;
}

/** How many SMS segments a text takes, the way carriers bill it. */
export function countSmsSegments(text: string): SmsCount {
  const septets = gsm7Septets(text);
  const gsm = septets !== undefined;
  const encoding: SmsEncoding = gsm ? "GSM-7" : "UCS-2";
  const units = septets ?? text.length;
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  const perSegment = units <= single ? single : multi;
  const segments = units === 0 ? 0 : Math.ceil(units / perSegment);
  const remaining = segments === 0 ? single : segments * perSegment - units;
  return { encoding, units, segments, remaining, perSegment };
}

/** The text's length in GSM-7 septets, or undefined when a character is outside GSM-7. */
function gsm7Septets(text: string): number | undefined {
  let septets = 0;
  for (const char of text) {
    if (GSM7_BASIC.includes(char)) septets += 1;
    else if (GSM7_EXTENSION.includes(char)) septets += 2;
    else return undefined;
  }
  return septets;
}
