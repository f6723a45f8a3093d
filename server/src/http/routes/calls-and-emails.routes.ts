import { RecordCallBody, RecordCallResponse, RecordEmailBody, RecordEmailResponse } from "@contract/calls";
import type { Deps } from "@server/deps";
import { recordCall } from "@server/domain/calls/record-call";
import { recordEmail } from "@server/domain/emails/record-email";
import { requestCtx } from "@server/http/plugins/authenticate";
import { presentCall, presentEmail } from "@server/presenters/call-and-email";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** Telephony and email integrations report calls and emails here; both land on the guest's thread. */
export function callsAndEmailsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/calls",
      { schema: { body: RecordCallBody, response: { 200: RecordCallResponse, 201: RecordCallResponse } } },
      async (request, reply) => {
        const body = request.body;
        const { call, duplicate } = await recordCall(requestCtx(deps, request), {
          ...body,
          startedAt: new Date(body.startedAt),
        });
        return reply.code(duplicate ? 200 : 201).send({
          call: presentCall(call),
          threadId: call.threadId ?? 0,
          contactId: call.contactId ?? 0,
          duplicate,
        });
      },
    );

    app.post(
      "/api/emails",
      { schema: { body: RecordEmailBody, response: { 200: RecordEmailResponse, 201: RecordEmailResponse } } },
      async (request, reply) => {
        const body = request.body;
        const { email, duplicate } = await recordEmail(requestCtx(deps, request), {
          ...body,
          sentAt: new Date(body.sentAt),
        });
        return reply.code(duplicate ? 200 : 201).send({
          email: presentEmail(email),
          threadId: email.threadId ?? 0,
          contactId: email.contactId ?? 0,
          duplicate,
        });
      },
    );
  };
}
