import { validationFailed } from "@server/errors";

/** Trimmed and lower-cased, or undefined when empty; VALIDATION_FAILED when it is not an address. */
export function normalizeEmail(input: string | null | undefined): string | undefined {
  const email = input?.trim().toLowerCase();
  if (!email) return undefined;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw validationFailed("email", "not an email address");
  return email;
}
