import { createCtx, type Deps } from "@server/deps";
import { groupWebhookStores, type WebhookStoreGroup } from "@server/domain/webhooks/group-webhook-stores";
import { BODY_LIMIT_BYTES } from "@server/http/body-limit";
import { sendError } from "@server/http/error-handler";
import type { ChannelProvider } from "@server/providers/channel-provider";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { type ReceivedCallback, storedCallback, webhookRequestOf, withoutToken } from "./webhook-callback";

const PROVIDER = "gupshup";

/**
 * Gupshup's callbacks: authenticate, store the exact bytes, and only after the commit answer 200 with
 * an empty body (duplicates too). Everything else happens later, in the process-webhook-event job.
 * Database unavailable → 503, so Gupshup retries; larger than BODY_LIMIT_BYTES → 413. Callbacks arriving
 * together are committed together (group commit, groupWebhookStores): each is answered after the commit
 * that holds its row.
 */
export function webhooksRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    // Our own scope: every content type arrives as the raw buffer, never parsed or re-serialized.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT_BYTES }, (_req, body, done) =>
      done(null, body),
    );

    const group = groupWebhookStores(createCtx(deps, { type: "webhook", provider: PROVIDER }), {
      onBatch: (size, outcome) => deps.metrics.webhookStoreBatchSize.observe({ outcome }, size),
    });
    const receive = (provider: ChannelProvider) => (request: FastifyRequest, reply: FastifyReply) =>
      acknowledge(deps, group, provider, request, reply);
    // Without callback fields a GET is a URL check (the Gupshup console, uptime probes): say we are here.
    const check = (provider: ChannelProvider) => async (request: FastifyRequest, reply: FastifyReply) => {
      if (withoutToken(rawQuery(request)) === "") return reply.send({ status: "ok" });
      return acknowledge(deps, group, provider, request, reply);
    };

    // Public to the staff authentication: a callback proves itself with the webhook secret (below), and
    // carries no cookie a browser could be tricked into sending, so no CSRF token either.
    const callback = { config: { public: true, csrf: false } };
    app.post("/webhooks/gupshup", callback, receive(deps.providers.whatsapp));
    app.get("/webhooks/gupshup", callback, check(deps.providers.whatsapp));
    app.post("/webhooks/gupshup/sms", callback, receive(deps.providers.sms));
    app.get("/webhooks/gupshup/sms", callback, check(deps.providers.sms));
  };
}

async function acknowledge(
  deps: Deps,
  group: WebhookStoreGroup,
  provider: ChannelProvider,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const started = process.hrtime.bigint();
  const done = (outcome: string) => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    deps.metrics.webhookAckDuration.observe({ provider: PROVIDER, outcome }, seconds);
    deps.metrics.webhookEvents.inc({ provider: PROVIDER, outcome });
  };
  const callback: ReceivedCallback = {
    method: request.method,
    rawQuery: rawQuery(request),
    headers: request.headers,
    body: Buffer.isBuffer(request.body)
      ? request.body
      : request.method === "GET"
        ? undefined
        : Buffer.alloc(0),
    sourceIp: request.ip,
  };
  const auth = provider.authenticateWebhook(webhookRequestOf(callback), {
    secret: deps.webhookSecret,
    allowedIps: deps.config.gupshup.webhook.allowedIps,
  });
  if (!auth.ok) {
    request.log.warn(
      { security: "webhook_rejected", reason: auth.reason, ip: request.ip, path: request.routeOptions.url },
      "webhook rejected: not authenticated",
    );
    done("unauthorized");
    return sendError(reply, "UNAUTHENTICATED", "webhook credentials missing or wrong");
  }

  const stored = storedCallback(PROVIDER, callback, (r) => provider.parseWebhook(r));
  try {
    const result = await group.store(stored);
    done(!result.created ? "duplicate" : stored.status === "UNPARSEABLE" ? "unparseable" : "stored");
    return reply.code(200).send();
  } catch (err) {
    request.log.error(
      { err, dedupeKey: stored.dedupeKey },
      "webhook not stored; answering 503 so it is retried",
    );
    done("error");
    return sendError(reply, "SERVICE_UNAVAILABLE", "could not store the webhook; retry later");
  }
}

function rawQuery(request: FastifyRequest): string {
  const at = request.url.indexOf("?");
  return at === -1 ? "" : request.url.slice(at + 1);
}
