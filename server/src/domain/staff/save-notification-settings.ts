import type { NotificationSettings, NotificationSettingsPatch } from "@contract/staff-preferences";
import type { Ctx } from "@server/context";
import { staffUsers } from "@server/db/schema/index";
import { validationFailed } from "@server/errors";
import { eq } from "drizzle-orm";
import { getNotificationSettings } from "./get-notification-settings";

/** Changes the signed-in staff member's own notification settings (only theirs); returns all of them. */
export async function saveNotificationSettings(
  ctx: Ctx,
  patch: NotificationSettingsPatch,
): Promise<NotificationSettings> {
  if (ctx.actor.type !== "staff")
    throw validationFailed("actor", "notification settings belong to a signed-in staff member");
  const set = {
    ...(patch.desktop === undefined ? {} : { notifyDesktop: patch.desktop }),
    ...(patch.showBody === undefined ? {} : { notifyShowBody: patch.showBody }),
    ...(patch.sound === undefined ? {} : { notifySound: patch.sound }),
  };
  if (Object.keys(set).length > 0)
    await ctx.db
      .update(staffUsers)
      .set({ ...set, updatedAt: ctx.now() })
      .where(eq(staffUsers.id, ctx.actor.staffUserId));
  return getNotificationSettings(ctx);
}
