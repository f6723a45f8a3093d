import { createHash, randomBytes } from "node:crypto";

const PREFIX = "chs_";

/**
 * A new session: a 256-bit token for the cookie (only its SHA-256 is stored, as the session id) and a
 * separate CSRF token the web app sends back in X-CSRF-Token. The prefix makes a leaked token easy to spot.
 */
export function generateSessionToken(): { token: string; id: string; csrfToken: string } {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, id: sessionIdOf(token), csrfToken: randomBytes(32).toString("base64url") };
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeSessionToken(token: string): boolean {
  return token.startsWith(PREFIX) && token.length > 20 && token.length < 100;
}
