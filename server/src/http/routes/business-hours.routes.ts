import {
  AutoReplyBody,
  AutoReplyResponse,
  BusinessHoursBody,
  BusinessHoursResponse,
} from "@contract/business-hours";
import { IdParams } from "@contract/common";
import type { Deps } from "@server/deps";
import { getAutoReplySettings } from "@server/domain/business-hours/get-auto-reply-settings";
import { getBusinessHoursSettings } from "@server/domain/business-hours/get-business-hours-settings";
import { saveAutoReplySettings } from "@server/domain/business-hours/save-auto-reply-settings";
import { saveBusinessHours } from "@server/domain/business-hours/save-business-hours";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** A property's opening hours and automatic replies: admins, and managers of that property. */
export function businessHoursRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/properties/:id/business-hours",
      { schema: { params: IdParams, response: { 200: BusinessHoursResponse } } },
      async (request) => ({
        businessHours: await getBusinessHoursSettings(requestCtx(deps, request), request.params.id),
      }),
    );

    app.put(
      "/api/properties/:id/business-hours",
      { schema: { params: IdParams, body: BusinessHoursBody, response: { 200: BusinessHoursResponse } } },
      async (request) => ({
        businessHours: await saveBusinessHours(requestCtx(deps, request), {
          propertyId: request.params.id,
          values: request.body,
        }),
      }),
    );

    app.get(
      "/api/properties/:id/auto-reply",
      { schema: { params: IdParams, response: { 200: AutoReplyResponse } } },
      async (request) => ({
        autoReply: await getAutoReplySettings(requestCtx(deps, request), request.params.id),
      }),
    );

    app.put(
      "/api/properties/:id/auto-reply",
      { schema: { params: IdParams, body: AutoReplyBody, response: { 200: AutoReplyResponse } } },
      async (request) => ({
        autoReply: await saveAutoReplySettings(requestCtx(deps, request), {
          propertyId: request.params.id,
          values: request.body,
        }),
      }),
    );
  };
}
