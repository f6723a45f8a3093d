import type { Actor, Ctx } from "@server/context";
import { propertyMemberships, sessions, staffUsers } from "@server/db/schema/index";
import { and, eq, isNull } from "drizzle-orm";
import { revokeStaffSessions } from "./revoke-staff-sessions";
import { looksLikeSessionToken, sessionIdOf } from "./session-token";

export type AuthenticatedSession = {
  actor: Extract<Actor, { type: "staff" }>;
  session: { id: string; csrfToken: string; mustChangePassword: boolean };
};

// Writing last-seen on every request would rewrite a row per click; once a minute keeps the idle
// timeout accurate to a minute.
const TOUCH_EVERY_MS = 60_000;

/**
 * The staff actor behind a session cookie, or undefined when the session is unknown, revoked, past its
 * idle or absolute timeout, or its user was deactivated (whose sessions are then all revoked).
 * Role and memberships are read on every request, so permission changes apply at once.
 * `touch: false` checks without counting as activity: an open event stream re-checks its session at
 * every heartbeat, and a stream alone must not keep an idle session alive (SESSION_IDLE_MINUTES).
 */
export async function authenticateSession(
  ctx: Ctx,
  token: string,
  options: { touch?: boolean } = {},
): Promise<AuthenticatedSession | undefined> {
  if (!looksLikeSessionToken(token)) return undefined;
  const [row] = await ctx.db
    .select({ session: sessions, user: staffUsers })
    .from(sessions)
    .innerJoin(staffUsers, eq(staffUsers.id, sessions.staffUserId))
    .where(and(eq(sessions.id, sessionIdOf(token)), isNull(sessions.revokedAt)));
  if (!row) return undefined;
  const { session, user } = row;
  const now = ctx.now().getTime();
  if (!user.isActive) {
    await revokeStaffSessions(ctx, user.id);
    return undefined;
  }
  if (session.expiresAt.getTime() <= now) return undefined;
  if (session.lastSeenAt.getTime() + ctx.config.auth.sessionIdleMs <= now) {
    await ctx.db.update(sessions).set({ revokedAt: ctx.now() }).where(eq(sessions.id, session.id));
    return undefined;
  }
  if (options.touch !== false && now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await ctx.db.update(sessions).set({ lastSeenAt: ctx.now() }).where(eq(sessions.id, session.id));
  }
  const memberships =
    user.role === "ADMIN"
      ? []
      : await ctx.db
          .select({ propertyId: propertyMemberships.propertyId })
          .from(propertyMemberships)
          .where(eq(propertyMemberships.staffUserId, user.id));
  return {
    actor: {
      type: "staff",
      staffUserId: user.id,
      role: user.role,
      propertyIds: user.role === "ADMIN" ? "all" : memberships.map((m) => m.propertyId),
    },
    session: { id: session.id, csrfToken: session.csrfToken, mustChangePassword: user.mustChangePassword },
  };
}
