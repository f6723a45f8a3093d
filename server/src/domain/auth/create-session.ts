import type { Ctx } from "@server/context";
import { sessions } from "@server/db/schema/index";
import { and, eq, lt } from "drizzle-orm";
import { generateSessionToken } from "./session-token";

export type CreatedSession = { token: string; csrfToken: string; expiresAt: Date };

/** Opens a server-side session for a staff user; a fresh token every time (rotation at sign-in). */
export async function createSession(
  ctx: Ctx,
  input: { staffUserId: number; userAgent?: string },
): Promise<CreatedSession> {
  const { token, id, csrfToken } = generateSessionToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.auth.sessionAbsoluteMs);
  await ctx.db.insert(sessions).values({
    id,
    staffUserId: input.staffUserId,
    csrfToken,
    ip: ctx.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  // Sessions a day past their absolute end are of no use to anyone: drop this user's, at each sign-in.
  await ctx.db
    .delete(sessions)
    .where(
      and(
        eq(sessions.staffUserId, input.staffUserId),
        lt(sessions.expiresAt, new Date(now.getTime() - 24 * 60 * 60_000)),
      ),
    );
  return { token, csrfToken, expiresAt };
}
