import type { Ctx } from "@server/context";
import { staffUsers } from "@server/db/schema/index";
import { recordAudit } from "@server/domain/audit/record-audit";
import { hashPassword, verifyPassword } from "@server/domain/staff/password-hash";
import { AppError } from "@server/errors";
import { eq, sql } from "drizzle-orm";
import { type CreatedSession, createSession } from "./create-session";
import { releaseLoginAttempt } from "./release-login-attempt";
import { reserveLoginAttempt } from "./reserve-login-attempt";

export type LogInInput = { email: string; password: string; userAgent?: string };
export type LoggedIn = CreatedSession & { staffUserId: number };

/** The one answer for an unknown account, a wrong password and a deactivated user (no enumeration). */
const badCredentials = () => new AppError("UNAUTHENTICATED", "email or password is incorrect");

/**
 * Signs a staff member in: throttle check first (no hashing for a locked pair or address), then one
 * Argon2id verification whether or not the account exists, then a new session. Every attempt is audited.
 */
export async function logIn(ctx: Ctx, input: LogInInput): Promise<LoggedIn> {
  const email = input.email.trim().toLowerCase();
  const anonymous = { actorType: "ANONYMOUS" as const, actorId: null };
  const reservation = await reserveLoginAttempt(ctx, { email, ip: ctx.ip ?? "unknown" });
  if (!reservation.allowed) {
    await recordAudit(ctx, {
      action: "auth.login.locked",
      outcome: "DENIED",
      as: anonymous,
      details: { email, retryAfterSeconds: reservation.retryAfterSeconds },
    });
    throw new AppError("RATE_LIMITED", "too many sign-in attempts; try again later", {
      retryAfterSeconds: reservation.retryAfterSeconds,
    });
  }

  const [user] = await ctx.db
    .select()
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email));
  const check = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user?.isActive || !check.ok) {
    const reason = !user ? "unknown_account" : !check.ok ? "wrong_password" : "inactive_account";
    await recordAudit(ctx, {
      action: "auth.login.failed",
      outcome: "FAILURE",
      as: anonymous,
      targetType: user ? "staff_user" : undefined,
      targetId: user?.id,
      details: { email, reason },
    });
    throw badCredentials();
  }

  await releaseLoginAttempt(ctx, reservation.keys);
  const newHash = check.needsRehash ? await hashPassword(input.password) : undefined;
  await ctx.db
    .update(staffUsers)
    .set({ lastLoginAt: ctx.now(), ...(newHash ? { passwordHash: newHash } : {}) })
    .where(eq(staffUsers.id, user.id));
  const session = await createSession(ctx, { staffUserId: user.id, userAgent: input.userAgent });
  await recordAudit(ctx, {
    action: "auth.login.succeeded",
    as: { actorType: "STAFF", actorId: user.id },
    targetType: "staff_user",
    targetId: user.id,
    details: newHash ? { passwordRehashed: true } : undefined,
  });
  return { ...session, staffUserId: user.id };
}
