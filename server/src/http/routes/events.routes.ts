import type { Actor } from "@server/context";
import { createCtx, type Deps } from "@server/deps";
import { authenticateApiKey } from "@server/domain/api-keys/authenticate-api-key";
import { authenticateSession } from "@server/domain/auth/authenticate-session";
import { canSeeEvent, latestEventId, listEventsSince } from "@server/domain/realtime/list-events-since";
import { requestCtx } from "@server/http/plugins/authenticate";
import { sessionCookieName } from "@server/http/plugins/session-cookie";
import type { AccessChange, BusEvent } from "@server/realtime/event-bus";
import { OpenStreams } from "@server/realtime/open-streams";
import { SseStream } from "@server/realtime/sse-stream";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const REPLAY_LIMIT = 1_000;

export function eventsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const streams = new OpenStreams(deps.config.events.maxStreamsPerCaller);
    // Open streams would keep app.close() (graceful shutdown) waiting forever; end them first.
    app.addHook("preClose", async () => streams.closeAll());

    app.get(
      "/api/events",
      {
        schema: {
          description:
            "Server-Sent Events of the caller's properties; resume with the Last-Event-ID header. The stream " +
            "closes when the caller's session or key ends and after EVENTS_STREAM_MAX_SECONDS (reconnect and resume).",
          querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
        },
      },
      async (request, reply) => {
        const ctx = requestCtx(deps, request);
        const reauthenticate = credentialCheck(deps, request);
        const header = Number(request.headers["last-event-id"]);
        const resumeFrom = Number.isSafeInteger(header) && header >= 0 ? header : request.query.lastEventId;

        reply.hijack();
        const stream = new SseStream(reply.raw, {
          heartbeatMs: deps.config.events.heartbeatMs,
          maxBufferedBytes: deps.config.events.maxBufferedBytes,
        });
        let actor = ctx.actor;
        streams.add(callerKey(actor), stream);
        deps.metrics.sseClients.inc();

        // Events wait in `pending` until the backlog is sent, and while the caller's access is being
        // checked again after a change: nothing is delivered to someone whose access just ended.
        const pending: BusEvent[] = [];
        let holds = 1;
        let replayedUpTo = Number.POSITIVE_INFINITY;
        const deliver = (event: BusEvent) => {
          if (canSeeEvent({ ...ctx, actor }, event)) stream.send(event.type, event, event.id);
        };
        const release = () => {
          holds -= 1;
          if (holds > 0 || stream.closed) return;
          for (const event of pending.splice(0)) if (event.id > replayedUpTo) deliver(event);
        };

        // Checks run one at a time; a change arriving during a check asks for one more afterwards,
        // since that check may have read the database before the change committed.
        let checking = false;
        let checkAgain = false;
        const recheck = async (): Promise<void> => {
          if (checking) {
            checkAgain = true;
            return;
          }
          checking = true;
          holds += 1;
          try {
            do {
              checkAgain = false;
              const fresh = await reauthenticate().catch((err: unknown) => {
                request.log.warn({ err }, "could not check an event stream's credentials; closing it");
                return undefined;
              });
              if (!fresh) return stream.close("access_ended");
              actor = fresh;
            } while (checkAgain);
          } finally {
            checking = false;
            release();
          }
        };

        // Subscribed before the backlog is read, so nothing committed in between is lost.
        const unsubscribe = deps.bus.subscribe((event) => {
          if (holds > 0) pending.push(event);
          else deliver(event);
        });
        const stopAccess = deps.bus.onAccessChanged((change) => {
          if (concerns(actor, change)) void recheck();
        });
        const lifetime = setTimeout(() => stream.close("lifetime"), deps.config.events.maxStreamMs);
        stream.onHeartbeat(() => void recheck());
        stream.onClose((reason) => {
          clearTimeout(lifetime);
          unsubscribe();
          stopAccess();
          deps.metrics.sseClients.dec();
          if (reason === "fell_behind") request.log.warn("event stream client fell behind; dropped it");
        });

        let lastSent = resumeFrom ?? (await latestEventId(ctx));
        let resync = false;
        if (resumeFrom !== undefined) {
          const backlog = await listEventsSince({ ...ctx, actor }, resumeFrom, REPLAY_LIMIT + 1);
          resync = backlog.length > REPLAY_LIMIT;
          for (const event of backlog.slice(0, REPLAY_LIMIT)) {
            stream.send(event.type, event, event.id);
            lastSent = event.id;
          }
        }
        replayedUpTo = lastSent;
        // The id makes the browser's own reconnect (after a close) resume from here, events or not.
        stream.send("stream.ready", { lastEventId: lastSent, resync }, lastSent);
        release();
      },
    );
  };
}

/** Groups a caller's streams for the per-caller cap. */
function callerKey(actor: Actor): string {
  if (actor.type === "staff") return `staff:${actor.staffUserId}`;
  if (actor.type === "apiKey") return `apiKey:${actor.apiKeyId}`;
  return actor.type;
}

function concerns(actor: Actor, change: AccessChange): boolean {
  if ("staffUserId" in change) return actor.type === "staff" && actor.staffUserId === change.staffUserId;
  return actor.type === "apiKey" && actor.apiKeyId === change.apiKeyId;
}

/**
 * Checks the credential the stream was opened with again, as a new request would: the caller's current
 * actor (role and properties as they are now), or undefined once the session or key has ended. A session
 * is checked without touching it: an open stream is not activity, so it cannot keep an idle session alive.
 */
function credentialCheck(deps: Deps, request: FastifyRequest): () => Promise<Actor | undefined> {
  const ctx = createCtx(deps, { type: "system" }, { log: request.log, ip: request.ip });
  const sessionToken = request.staffSession ? request.cookies[sessionCookieName(request)] : undefined;
  if (sessionToken)
    return async () => (await authenticateSession(ctx, sessionToken, { touch: false }))?.actor;
  const bearer = request.headers.authorization;
  if (request.actor?.type === "apiKey" && bearer?.startsWith("Bearer ")) {
    const token = bearer.slice(7).trim();
    return () => authenticateApiKey(ctx, token);
  }
  return async () => undefined;
}
