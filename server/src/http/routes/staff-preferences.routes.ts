import { NotificationSettingsPatch, NotificationSettingsResponse } from "@contract/staff-preferences";
import type { Deps } from "@server/deps";
import { getNotificationSettings } from "@server/domain/staff/get-notification-settings";
import { saveNotificationSettings } from "@server/domain/staff/save-notification-settings";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** The signed-in person's own settings: nobody reads or changes another's. */
export function staffPreferencesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/me/notification-settings",
      { schema: { response: { 200: NotificationSettingsResponse } } },
      async (request) => ({ settings: await getNotificationSettings(requestCtx(deps, request)) }),
    );

    app.patch(
      "/api/me/notification-settings",
      { schema: { body: NotificationSettingsPatch, response: { 200: NotificationSettingsResponse } } },
      async (request) => ({
        settings: await saveNotificationSettings(requestCtx(deps, request), request.body),
      }),
    );
  };
}
