// SMS length is counted in segments, not characters: GSM-7 text fits 160 characters in one segment and
// 153 per segment once split; anything outside GSM-7 switches the whole message to UCS-2 (70, then 67
// UTF-16 code units). Extension characters (€, [, ] …) take two GSM-7 septets.

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "\f^{}\\[~]|€";

export type SmsEncoding = "GSM-7" | "UCS-2";
export type SmsSegments = { encoding: SmsEncoding; units: number; segments: number };

export function countSmsSegments(text: string): SmsSegments {
  let septets = 0;
  for (const char of text) {
    if (GSM7_BASIC.includes(char)) septets += 1;
    else if (GSM7_EXTENSION.includes(char)) septets += 2;
    else return ucs2(text);
  }
  return { encoding: "GSM-7", units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

function ucs2(text: string): SmsSegments {
  const units = text.length;
  return { encoding: "UCS-2", units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
