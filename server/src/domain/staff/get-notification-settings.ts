import type { NotificationSettings } from "@contract/staff-preferences";
import type { Ctx } from "@server/context";
import { staffUsers } from "@server/db/schema/index";
import { notFound, validationFailed } from "@server/errors";
import { eq } from "drizzle-orm";

/** The signed-in staff member's notification settings (off until they opt in). */
export async function getNotificationSettings(ctx: Ctx): Promise<NotificationSettings> {
  if (ctx.actor.type !== "staff")
    throw validationFailed("actor", "notification settings belong to a signed-in staff member");
  const [row] = await ctx.db
    .select({
      desktop: staffUsers.notifyDesktop,
      showBody: staffUsers.notifyShowBody,
      sound: staffUsers.notifySound,
    })
    .from(staffUsers)
    .where(eq(staffUsers.id, ctx.actor.staffUserId));
  if (!row) throw notFound("staff", ctx.actor.staffUserId);
  return row;
}
