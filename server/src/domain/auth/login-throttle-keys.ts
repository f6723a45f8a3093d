import { createHash } from "node:crypto";

export type ThrottleKey = { keyHash: string; scope: "ACCOUNT" | "IP" };

/** The two counters one sign-in attempt touches: its (email, client address) pair and its address. */
export function loginThrottleKeys(email: string, ip: string): ThrottleKey[] {
  const digest = (value: string) => createHash("sha256").update(value).digest("hex");
  return [
    { keyHash: digest(`account\u0000${email.trim().toLowerCase()}\u0000${ip}`), scope: "ACCOUNT" as const },
    { keyHash: digest(`ip\u0000${ip}`), scope: "IP" as const },
  ].sort((a, b) => a.keyHash.localeCompare(b.keyHash));
}
