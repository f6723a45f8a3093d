import { hash, parseOptions, verify } from "@node-rs/argon2";

/**
 * OWASP Password Storage Cheat Sheet minimum for Argon2id (19 MiB, 2 passes, 1 lane). Stored in the
 * PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`), so raising these upgrades each hash at its next login.
 */
export const ARGON2ID_PARAMS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with Argon2id on the libuv thread pool (never on the event loop). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_PARAMS);
}

export type PasswordCheck = { ok: boolean; needsRehash: boolean };

/** Checks a password against a stored PHC hash; a malformed or missing hash never matches. */
export async function verifyPassword(stored: string | null, password: string): Promise<PasswordCheck> {
  if (!stored?.startsWith("$argon2")) {
    await verifyDummy(password);
    return { ok: false, needsRehash: false };
  }
  let ok = false;
  try {
    ok = await verify(stored, password);
  } catch {
    ok = false;
  }
  return { ok, needsRehash: ok && needsRehash(stored) };
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real check on a throwaway hash, so an unknown account answers in about the
 * time a wrong password does (no user enumeration by timing, ASVS 6.3.8).
 */
async function verifyDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("commhub-dummy-password-for-timing");
  await verify(await dummyHash, password).catch(() => false);
}

function needsRehash(stored: string): boolean {
  try {
    const current = parseOptions(stored);
    return (
      current.algorithm !== ARGON2ID_PARAMS.algorithm ||
      current.memoryCost < ARGON2ID_PARAMS.memoryCost ||
      current.timeCost < ARGON2ID_PARAMS.timeCost ||
      current.parallelism !== ARGON2ID_PARAMS.parallelism
    );
  } catch {
    return true;
  }
}
