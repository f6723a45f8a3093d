import type { Deps } from "@server/deps";
import { canSeeEvent, latestEventId, listEventsSince } from "@server/domain/realtime/list-events-since";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { BusEvent } from "@server/realtime/event-bus";
import { SseStream } from "@server/realtime/sse-stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const REPLAY_LIMIT = 1_000;

export function eventsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // Open streams would keep app.close() (graceful shutdown) waiting forever; end them first.
    const streams = new Set<SseStream>();
    app.addHook("preClose", async () => {
      for (const open of streams) open.close();
    });

    app.get(
      "/api/events",
      {
        schema: {
          description: "Server-Sent Events of the caller's properties; resume with the Last-Event-ID header.",
          querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
        },
      },
      async (request, reply) => {
        const ctx = requestCtx(deps, request);
        const header = Number(request.headers["last-event-id"]);
        const resumeFrom = Number.isSafeInteger(header) && header >= 0 ? header : request.query.lastEventId;

        // Subscribe before reading the backlog so nothing committed in between is lost.
        const pending: BusEvent[] = [];
        let live = false;
        let stream: SseStream | undefined;
        const unsubscribe = deps.bus.subscribe((event) => {
          if (!canSeeEvent(ctx, event)) return;
          if (live && stream) stream.send(event.type, event, event.id);
          else pending.push(event);
        });

        reply.hijack();
        const opened = new SseStream(reply.raw);
        stream = opened;
        streams.add(opened);
        deps.metrics.sseClients.inc();
        opened.onClose(() => {
          streams.delete(opened);
          unsubscribe();
          deps.metrics.sseClients.dec();
        });

        let lastSent = resumeFrom ?? (await latestEventId(ctx));
        let resync = false;
        if (resumeFrom !== undefined) {
          const backlog = await listEventsSince(ctx, resumeFrom, REPLAY_LIMIT + 1);
          resync = backlog.length > REPLAY_LIMIT;
          for (const event of backlog.slice(0, REPLAY_LIMIT)) {
            stream.send(event.type, event, event.id);
            lastSent = event.id;
          }
        }
        stream.send("stream.ready", { lastEventId: lastSent, resync });
        for (const event of pending) if (event.id > lastSent) stream.send(event.type, event, event.id);
        live = true;
      },
    );
  };
}
