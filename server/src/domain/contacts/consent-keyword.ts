// SMS replies that change consent (carrier conventions: STOP/START and the usual variants). Only a reply
// that is nothing but the keyword counts: "stop by at 5?" is a message, not an opt-out.

const OPT_OUT = new Set([
  "stop",
  "stopall",
  "stop all",
  "unsubscribe",
  "cancel",
  "end",
  "quit",
  "optout",
  "opt out",
  "opt-out",
]);
const OPT_IN = new Set(["start", "unstop", "subscribe", "resume", "optin", "opt in", "opt-in"]);

/** `opt-out`, `opt-in`, or undefined when the text is an ordinary message. */
export function consentKeyword(text: string | null | undefined): "opt-out" | "opt-in" | undefined {
  const word = (text ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s.!]+$/u, "")
    .replace(/\s+/gu, " ");
  if (OPT_OUT.has(word)) return "opt-out";
  if (OPT_IN.has(word)) return "opt-in";
  return undefined;
}
