/**
 * WhatsApp's light formatting and bare links, parsed into plain data so the bubble renders React
 * elements and never hands guest text to innerHTML.
 */

export type TextPart =
  | { kind: "text"; text: string }
  | { kind: "link"; href: string; text: string }
  | { kind: "bold" | "italic" | "strike"; parts: TextPart[] }
  | { kind: "mono"; text: string };

const MARKERS = { "*": "bold", _: "italic", "~": "strike" } as const;
type Marker = keyof typeof MARKERS;

// Punctuation that usually ends a sentence rather than a URL ("see https://x.com.").
const TRAILING_PUNCTUATION = /[.,;:!?'")\]]+$/;
const URL_START = /https?:\/\/[^\s<>"]+/gi;

export function parseMessageText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let rest = text;
  // ```mono``` first: nothing inside it is formatted or linked.
  for (;;) {
    const open = rest.indexOf("```");
    const close = open === -1 ? -1 : rest.indexOf("```", open + 3);
    if (close === -1) break;
    parts.push(...parseInline(rest.slice(0, open)));
    parts.push({ kind: "mono", text: rest.slice(open + 3, close) });
    rest = rest.slice(close + 3);
  }
  parts.push(...parseInline(rest));
  return merge(parts);
}

/** Links are found before emphasis so that `_` or `*` inside a URL never breaks it. */
function parseInline(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_START)) {
    const raw = match[0].replace(TRAILING_PUNCTUATION, "");
    const href = safeHref(raw);
    if (!href) continue;
    parts.push(...parseEmphasis(text.slice(last, match.index)));
    parts.push({ kind: "link", href, text: raw });
    last = match.index + raw.length;
  }
  parts.push(...parseEmphasis(text.slice(last)));
  return parts;
}

function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * `*bold*`, `_italic_`, `~strike~` as WhatsApp reads them: the marker opens at the start or after a
 * non-word character, the content does not start or end with a space, and it closes before a
 * non-word character or the end. Unmatched markers stay as typed.
 */
function parseEmphasis(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plainFrom = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const close = ch in MARKERS && opensAt(text, i) ? closingIndex(text, i) : -1;
    if (close === -1) {
      i++;
      continue;
    }
    if (i > plainFrom) parts.push({ kind: "text", text: text.slice(plainFrom, i) });
    parts.push({ kind: MARKERS[ch as Marker], parts: parseEmphasis(text.slice(i + 1, close)) });
    i = close + 1;
    plainFrom = i;
  }
  if (plainFrom < text.length) parts.push({ kind: "text", text: text.slice(plainFrom) });
  return parts;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

function opensAt(text: string, i: number): boolean {
  const next = text[i + 1];
  return !isWordChar(text[i - 1]) && next !== undefined && !/\s/.test(next) && next !== text[i];
}

function closingIndex(text: string, open: number): number {
  const marker = text[open];
  for (let j = open + 2; j < text.length; j++) {
    if (text[j] === "\n") return -1;
    if (text[j] === marker && !/\s/.test(text[j - 1] as string) && !isWordChar(text[j + 1])) return j;
  }
  return -1;
}

function merge(parts: TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    if (part.kind === "text" && part.text === "") continue;
    if (part.kind === "text" && prev?.kind === "text") prev.text += part.text;
    else out.push(part);
  }
  return out;
}
