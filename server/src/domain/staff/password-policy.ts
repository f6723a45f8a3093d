import { randomBytes } from "node:crypto";
import { validationFailed } from "@server/errors";

const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 128;

/**
 * ASVS 5.0 V6: at least 8 characters, long passphrases allowed, no composition rules. Length counts
 * characters (code points), not bytes, so a passphrase in any script is measured fairly.
 */
export function assertPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    throw validationFailed("password", `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH)
    throw validationFailed("password", `must be at most ${PASSWORD_MAX_LENGTH} characters`);
}

/** A random password for a new account or a reset: 144 bits, 24 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
