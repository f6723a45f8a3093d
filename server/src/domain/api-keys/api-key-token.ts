import { createHash, randomBytes } from "node:crypto";

const PREFIX = "chk_";

/** A new API key: 256 random bits, so a fast hash is enough to store it (no password stretching needed). */
export function generateApiKeyToken(): { token: string; prefix: string; hash: string } {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, 12), hash: hashApiKeyToken(token) };
}

export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(PREFIX) && token.length > 20 && token.length < 100;
}
