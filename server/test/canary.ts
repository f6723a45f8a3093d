import { randomBytes } from "node:crypto";

/**
 * A recognisable stand-in for something that must never reach a log line: a message body, a password,
 * a secret. Use it in tests for such values; the suite's log scan (log-capture.ts) fails the run when
 * one shows up in any captured log.
 */
export function canary(kind: "body" | "password" | "secret" | "name"): string {
  // Letters only: hex could hold a run of 10+ decimal digits, which the logger masks as a phone number,
  // and a half-masked canary is one the scan no longer recognises.
  const letters = Array.from(randomBytes(16), (byte) => String.fromCharCode(97 + (byte % 26))).join("");
  return `canary-${kind}-${letters}`;
}
