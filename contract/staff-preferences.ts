import { z } from "zod";

/** One person's notification choices, stored on the server so every device follows them. */
export const NotificationSettings = z.object({
  /** Desktop notifications for a new guest message on my or an unassigned thread. */
  desktop: z.boolean(),
  /** Show the message text in them (otherwise only the guest and the property). */
  showBody: z.boolean(),
  /** A short sound with each. */
  sound: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationSettingsPatch = NotificationSettings.partial().strict();
export type NotificationSettingsPatch = z.infer<typeof NotificationSettingsPatch>;

export const NotificationSettingsResponse = z.object({ settings: NotificationSettings });
export type NotificationSettingsResponse = z.infer<typeof NotificationSettingsResponse>;
