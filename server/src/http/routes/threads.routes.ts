import { IdParams } from "@contract/common";
import { AssignableStaffResponse, MoveThreadBody } from "@contract/handover";
import { ThreadLabelBody, ThreadPriorityBody } from "@contract/labels";
import { BulkThreadsBody, BulkThreadsResponse } from "@contract/thread-bulk";
import {
  AddNoteBody,
  AssignThreadBody,
  ThreadDetailResponse,
  ThreadListQuery,
  ThreadListResponse,
  ThreadResponse,
  ThreadStatusBody,
  UnreadSummaryResponse,
} from "@contract/threads";
import { NoteItem, TimelineQuery, TimelineResponse } from "@contract/timeline";
import type { Deps } from "@server/deps";
import { assignThread } from "@server/domain/assignment/assign-thread";
import { listAssignableStaff } from "@server/domain/assignment/list-assignable-staff";
import { moveThreadToProperty } from "@server/domain/assignment/move-thread-to-property";
import { contactProfile } from "@server/domain/contacts/contact-profile";
import { smsAvailableForContact } from "@server/domain/outbound/sms-availability";
import { addThreadNote } from "@server/domain/threads/add-thread-note";
import { applyBulkThreadAction } from "@server/domain/threads/apply-bulk-thread-action";
import { changeThreadLabel } from "@server/domain/threads/change-thread-label";
import { countMyUnreadThreads } from "@server/domain/threads/count-my-unread-threads";
import { getThreadDetail } from "@server/domain/threads/get-thread-detail";
import { getThreadRow } from "@server/domain/threads/get-thread-row";
import { listThreads } from "@server/domain/threads/list-threads";
import { listTimeline } from "@server/domain/threads/list-timeline";
import { markThreadRead } from "@server/domain/threads/mark-thread-read";
import { markThreadUnread } from "@server/domain/threads/mark-thread-unread";
import { countUnreadMentions } from "@server/domain/threads/mentions-filter";
import { setThreadPriority } from "@server/domain/threads/set-thread-priority";
import { setThreadStatus } from "@server/domain/threads/set-thread-status";
import { requestCtx } from "@server/http/plugins/authenticate";
import { presentThreadDetail, presentThreadRow } from "@server/presenters/thread";
import { presentTimelineEntry } from "@server/presenters/timeline";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export function threadRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const respondWithThread = async (ctx: ReturnType<typeof requestCtx>, id: number) => ({
      thread: presentThreadDetail(await getThreadRow(ctx, id), ctx.now()),
    });

    app.get(
      "/api/threads",
      { schema: { querystring: ThreadListQuery, response: { 200: ThreadListResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        const { rows, nextCursor } = await listThreads(ctx, request.query);
        return {
          threads: rows.map((r) => ({
            ...presentThreadRow(r, ctx.now()),
            ...(r.match && { match: r.match }),
          })),
          nextCursor,
        };
      },
    );

    app.get(
      "/api/threads/:id",
      { schema: { params: IdParams, response: { 200: ThreadDetailResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        const detail = await getThreadDetail(ctx, request.params.id);
        const { contact, booking } = detail;
        return {
          thread: {
            ...presentThreadDetail(detail.row, ctx.now()),
            unreadMentions: await countUnreadMentions(ctx, request.params.id),
          },
          contact: {
            id: contact.id,
            name: contact.name,
            phone: contact.phone,
            email: contact.email,
            whatsappOptedOut: contact.whatsappOptedOut,
            whatsappUnreachableAt: contact.whatsappUnreachableAt?.toISOString() ?? null,
            smsOptedOut: contact.smsOptedOut,
            marketingOptedOut: contact.marketingOptedOut,
            marketingOptedOutAt: contact.marketingOptedOut
              ? (contact.marketingPreferenceAt?.toISOString() ?? null)
              : null,
            ...contactProfile(contact.metadata),
          },
          booking: booking && {
            id: booking.id,
            reference: booking.reference,
            propertyId: booking.propertyId,
            guestName: booking.guestName,
            checkIn: booking.checkIn,
            checkOut: booking.checkOut,
            status: booking.status,
          },
          otherThreads: detail.otherThreads.map((r) => presentThreadRow(r, ctx.now())),
        };
      },
    );

    app.get(
      "/api/threads/:id/timeline",
      { schema: { params: IdParams, querystring: TimelineQuery, response: { 200: TimelineResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        const { entries, nextCursor, quoted } = await listTimeline(ctx, {
          threadId: request.params.id,
          ...request.query,
        });
        const failedIn = entries.find((e) => e.kind === "message" && e.row.status === "FAILED");
        const smsAvailable =
          failedIn?.kind === "message"
            ? await smsAvailableForContact(ctx, failedIn.row.contactId)
            : undefined;
        return {
          items: entries.map((entry) => presentTimelineEntry(entry, { quoted, smsAvailable })),
          nextCursor,
        };
      },
    );

    app.post(
      "/api/threads/:id/notes",
      { schema: { params: IdParams, body: AddNoteBody, response: { 201: NoteItem } } },
      async (request, reply) => {
        const note = await addThreadNote(requestCtx(deps, request), {
          threadId: request.params.id,
          body: request.body.body,
          mentionedStaffIds: request.body.mentionedStaffIds,
        });
        const item = {
          kind: "note" as const,
          id: note.id,
          at: note.createdAt.toISOString(),
          body: note.body,
          author: note.author,
          mentions: note.mentions,
        };
        return reply.code(201).send(item);
      },
    );

    app.post(
      "/api/threads/:id/assign",
      { schema: { params: IdParams, body: AssignThreadBody, response: { 200: ThreadResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        await assignThread(ctx, { threadId: request.params.id, staffUserId: request.body.staffUserId });
        return respondWithThread(ctx, request.params.id);
      },
    );

    app.get(
      "/api/threads/:id/assignable-staff",
      { schema: { params: IdParams, response: { 200: AssignableStaffResponse } } },
      async (request) => ({
        staff: await listAssignableStaff(requestCtx(deps, request), { threadId: request.params.id }),
      }),
    );

    app.post(
      "/api/threads/:id/property",
      { schema: { params: IdParams, body: MoveThreadBody, response: { 200: ThreadResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        await moveThreadToProperty(ctx, { threadId: request.params.id, propertyId: request.body.propertyId });
        return respondWithThread(ctx, request.params.id);
      },
    );

    app.post(
      "/api/threads/:id/status",
      { schema: { params: IdParams, body: ThreadStatusBody, response: { 200: ThreadResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        const { status, snoozedUntil } = request.body;
        await setThreadStatus(ctx, {
          threadId: request.params.id,
          status,
          snoozedUntil: snoozedUntil ? new Date(snoozedUntil) : null,
        });
        return respondWithThread(ctx, request.params.id);
      },
    );

    app.post(
      "/api/threads/:id/read",
      { schema: { params: IdParams, response: { 200: ThreadResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        await markThreadRead(ctx, { threadId: request.params.id });
        return respondWithThread(ctx, request.params.id);
      },
    );

    app.post(
      "/api/threads/:id/labels",
      { schema: { params: IdParams, body: ThreadLabelBody, response: { 200: ThreadResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        await changeThreadLabel(ctx, {
          threadId: request.params.id,
          labelId: request.body.labelId,
          change: "add",
        });
        return respondWithThread(ctx, request.params.id);
      },
    );

    app.post(
      "/api/threads/:id/unread",
      { schema: { params: IdParams, response: { 200: ThreadResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        await markThreadUnread(ctx, { threadId: request.params.id });
        return respondWithThread(ctx, request.params.id);
      },
    );

    app.delete(
      "/api/threads/:id/labels/:labelId",
      {
        schema: {
          params: IdParams.extend({ labelId: z.coerce.number().int().positive() }),
          response: { 200: ThreadResponse },
        },
      },
      async (request) => {
        const ctx = requestCtx(deps, request);
        const { id, labelId } = request.params;
        await changeThreadLabel(ctx, { threadId: id, labelId, change: "remove" });
        return respondWithThread(ctx, id);
      },
    );

    app.post(
      "/api/threads/:id/priority",
      { schema: { params: IdParams, body: ThreadPriorityBody, response: { 200: ThreadResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        await setThreadPriority(ctx, { threadId: request.params.id, priority: request.body.priority });
        return respondWithThread(ctx, request.params.id);
      },
    );

    app.post(
      "/api/threads/bulk",
      { schema: { body: BulkThreadsBody, response: { 200: BulkThreadsResponse } } },
      async (request) => applyBulkThreadAction(requestCtx(deps, request), request.body),
    );

    app.get(
      "/api/threads/unread-summary",
      { schema: { response: { 200: UnreadSummaryResponse } } },
      async (request) => ({ unreadThreads: await countMyUnreadThreads(requestCtx(deps, request)) }),
    );
  };
}
