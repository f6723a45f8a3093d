// GSM 03.38: the basic set costs one septet per character, the extension set two (escape + char).
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

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

/** How many SMS segments a text takes, the way carriers bill it. */
export function countSmsSegments(text: string): SmsCount {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENSION.includes(char)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const encoding: SmsEncoding = gsm ? "GSM-7" : "UCS-2";
  const units = gsm ? septets : text.length;
  const single = gsm ? 160 : 70;
  // A multi-part message spends 6 bytes of each part on the concatenation header.
  const multi = gsm ? 153 : 67;
  const perSegment = units <= single ? single : multi;
  const segments = units === 0 ? 0 : Math.ceil(units / perSegment);
  const remaining = segments === 0 ? single : segments * perSegment - units;
  return { encoding, units, segments, remaining, perSegment };
}
