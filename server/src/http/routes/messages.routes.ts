import { IdParams } from "@contract/common";
import { MessageDto } from "@contract/messages";
import {
  MessageDetailResponse,
  MessageListQuery,
  MessageListResponse,
  SendMessageBody,
  SendMessageResponse,
  TemplateListQuery,
  TemplateListResponse,
  TemplateSyncResponse,
  ThreadReplyBody,
} from "@contract/outbound";
import type { Deps } from "@server/deps";
import { requireRole } from "@server/domain/access/property-scope";
import { awaitSendResult } from "@server/domain/outbound/await-send-result";
import { dismissFailure } from "@server/domain/outbound/dismiss-failure";
import { getMessageDetail } from "@server/domain/outbound/get-message-detail";
import { listMessages } from "@server/domain/outbound/list-messages";
import { listTemplates } from "@server/domain/outbound/list-templates";
import { retryMessage } from "@server/domain/outbound/retry-message";
import { sendFailedAsSms } from "@server/domain/outbound/send-failed-as-sms";
import { type SendMessageInput, sendMessage } from "@server/domain/outbound/send-message";
import { smsAvailableForContact } from "@server/domain/outbound/sms-availability";
import { syncTemplates } from "@server/domain/outbound/sync-templates";
import { attachUpload } from "@server/domain/uploads/attach-upload";
import { requestCtx } from "@server/http/plugins/authenticate";
import { publicOrigin } from "@server/http/public-origin";
import { presentMessage } from "@server/presenters/message";
import { presentMessageDetail, presentTemplate } from "@server/presenters/outbound";
import type { FastifyContextConfig, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const SendResponses = { 200: SendMessageResponse, 202: SendMessageResponse };

/** The outbound API: send, reply in a thread, retry, the message listing and templates. */
export function messageRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // 200 once the provider answered within the fast path (SENT, or FAILED with the reason), else 202
    // with the message PENDING in the queue: a message accepted into the queue is never an error.
    const send = async (request: FastifyRequest, reply: FastifyReply, input: SendMessageInput) => {
      const ctx = requestCtx(deps, request);
      const { message, replayed } = await sendMessage(ctx, {
        ...input,
        idempotencyKey: idempotencyKey(request),
      });
      const current = replayed
        ? message
        : await awaitSendResult(ctx, message, deps.config.outbound.fastPathMs);
      if (replayed) reply.header("idempotent-replayed", "true");
      return reply
        .code(current.status === "PENDING" ? 202 : 200)
        .send({ success: true as const, message: presentMessage(current) });
    };

    // One budget per caller for both ways of sending, checked before the body is read: a refused
    // request was never accepted, so a 429 loses nothing.
    const perMinute = deps.config.outbound.apiSendsPerMinute;
    const sendBudget: FastifyContextConfig =
      perMinute > 0 ? { rateLimit: { perMinute, bucket: "send" } } : {};

    app.post(
      "/api/messages/send",
      { schema: { body: SendMessageBody, response: SendResponses }, config: sendBudget },
      async (request, reply) => send(request, reply, request.body),
    );

    app.post(
      "/api/threads/:id/reply",
      { schema: { params: IdParams, body: ThreadReplyBody, response: SendResponses }, config: sendBudget },
      async (request, reply) => {
        const { attachmentId, ...body } = request.body;
        const input = { ...body, threadId: request.params.id };
        if (attachmentId === undefined) return send(request, reply, input);
        const origin = publicOrigin(deps.config, request);
        const withFile = await attachUpload(requestCtx(deps, request), input, { attachmentId, origin });
        return send(request, reply, withFile);
      },
    );

    app.get(
      "/api/messages",
      { schema: { querystring: MessageListQuery, response: { 200: MessageListResponse } } },
      async (request) => {
        const { rows, nextCursor, quoted } = await listMessages(requestCtx(deps, request), request.query);
        return { messages: rows.map((row) => presentMessage(row, { quoted })), nextCursor };
      },
    );

    app.get(
      "/api/messages/:id",
      { schema: { params: IdParams, response: { 200: MessageDetailResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        const detail = await getMessageDetail(ctx, request.params.id);
        return presentMessageDetail(detail, await smsAvailableForContact(ctx, detail.message.contactId));
      },
    );

    app.post(
      "/api/messages/:id/retry",
      {
        schema: {
          params: IdParams,
          response: { 202: z.object({ success: z.literal(true), message: MessageDto }) },
        },
        config: { rateLimit: { perMinute: 120 } },
      },
      async (request, reply) => {
        const message = await retryMessage(requestCtx(deps, request), request.params.id);
        return reply.code(202).send({ success: true as const, message: presentMessage(message) });
      },
    );

    app.post(
      "/api/messages/:id/send-as-sms",
      { schema: { params: IdParams, response: SendResponses }, config: { rateLimit: { perMinute: 120 } } },
      async (request, reply) => {
        const ctx = requestCtx(deps, request);
        const { message, replayed } = await sendFailedAsSms(ctx, request.params.id);
        if (replayed) reply.header("idempotent-replayed", "true");
        return reply.code(202).send({ success: true as const, message: presentMessage(message) });
      },
    );

    app.post(
      "/api/messages/:id/dismiss-failure",
      {
        schema: {
          params: IdParams,
          response: { 200: z.object({ success: z.literal(true), message: MessageDto }) },
        },
        config: { rateLimit: { perMinute: 120 } },
      },
      async (request) => {
        const message = await dismissFailure(requestCtx(deps, request), request.params.id);
        return { success: true as const, message: presentMessage(message) };
      },
    );

    app.get(
      "/api/templates",
      { schema: { querystring: TemplateListQuery, response: { 200: TemplateListResponse } } },
      async (request) => ({
        templates: (await listTemplates(requestCtx(deps, request), request.query)).map(presentTemplate),
      }),
    );

    app.post(
      "/api/templates/sync",
      { schema: { response: { 200: TemplateSyncResponse } }, config: { rateLimit: { perMinute: 10 } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        requireRole(ctx, "ADMIN");
        return syncTemplates(ctx, deps.providers.whatsapp);
      },
    );
  };
}

function idempotencyKey(request: FastifyRequest): string | undefined {
  const header = request.headers["idempotency-key"];
  return Array.isArray(header) ? header[0] : header;
}
