import { randomBytes } from "node:crypto";

/**
 * A recognisable stand-in for something that must never reach a log line: a message body, a password,
 * a secret. Use it in tests for such values; the suite's log scan (log-capture.ts) fails the run when
 * one shows up in any captured log.
 */
export function canary(kind: "body" | "password" | "secret" | "name"): string {
  return `canary-${kind}-${randomBytes(8).toString("hex")}`;
}
