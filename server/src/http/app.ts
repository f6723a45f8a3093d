import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import cookie from "@fastify/cookie";
import type { Deps } from "@server/deps";
import { BODY_LIMIT_BYTES } from "@server/http/body-limit";
import { registerErrorHandler } from "@server/http/error-handler";
import { registerDenialAudit } from "@server/http/plugins/audit-denials";
import { bearerApiKey, registerAuthentication } from "@server/http/plugins/authenticate";
import { registerCsrfProtection } from "@server/http/plugins/csrf";
import { registerDrainOnClose } from "@server/http/plugins/drain-on-close";
import { registerOpenApi } from "@server/http/plugins/openapi";
import { registerPasswordChangeGate } from "@server/http/plugins/password-change-gate";
import { registerRateLimits } from "@server/http/plugins/rate-limit";
import { registerNulTextRejection } from "@server/http/plugins/reject-nul-text";
import { registerRouteTable } from "@server/http/plugins/route-table";
import { registerSecurityHeaders } from "@server/http/plugins/security-headers";
import { sessionCookie } from "@server/http/plugins/session-cookie";
import { registerStaticWeb } from "@server/http/plugins/static-web";
import { apiKeyRoutes } from "@server/http/routes/api-keys.routes";
import { attachmentRoutes } from "@server/http/routes/attachments.routes";
import { auditRoutes } from "@server/http/routes/audit.routes";
import { authRoutes } from "@server/http/routes/auth.routes";
import { bookingRoutes } from "@server/http/routes/bookings.routes";
import { businessHoursRoutes } from "@server/http/routes/business-hours.routes";
import { callsAndEmailsRoutes } from "@server/http/routes/calls-and-emails.routes";
import { cannedRepliesRoutes } from "@server/http/routes/canned-replies.routes";
import { contactRoutes } from "@server/http/routes/contacts.routes";
import { conversationRoutes } from "@server/http/routes/conversations.routes";
import { csatRoutes } from "@server/http/routes/csat.routes";
import { draftRoutes } from "@server/http/routes/drafts.routes";
import { eventsRoutes } from "@server/http/routes/events.routes";
import { healthRoutes } from "@server/http/routes/health.routes";
import { labelRoutes } from "@server/http/routes/labels.routes";
import { messageMediaRoutes } from "@server/http/routes/message-media.routes";
import { messageRoutes } from "@server/http/routes/messages.routes";
import { metricsRoutes } from "@server/http/routes/metrics.routes";
import { privacyRoutes } from "@server/http/routes/privacy.routes";
import { propertiesAndStaffRoutes } from "@server/http/routes/properties-and-staff.routes";
import { reportsRoutes } from "@server/http/routes/reports.routes";
import { simulatorProxyRoutes } from "@server/http/routes/simulator-proxy.routes";
import { slaRoutes } from "@server/http/routes/sla.routes";
import { staffPreferencesRoutes } from "@server/http/routes/staff-preferences.routes";
import { threadRoutes } from "@server/http/routes/threads.routes";
import { webhookEventsRoutes } from "@server/http/routes/webhook-events.routes";
import { webhooksRoutes } from "@server/http/routes/webhooks.routes";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";

export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type AppOptions = {
  /** "probes": only /health, /ready and /metrics (the worker role); "all" (default): every route. */
  routes?: "all" | "probes";
};

/** Builds the HTTP server with every route listed here, in one place. */
export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    // One line per request is noise at webhook volumes; debug and trace levels turn it back on.
    logController: new LogController({
      disableRequestLogging: deps.config.logLevel !== "debug" && deps.config.logLevel !== "trace",
    }),
    // Only behind a proxy we trust do X-Forwarded-For/-Proto/-Host count (client IP for the login
    // limiter, https for the Secure cookie); otherwise anyone could claim any address (ASVS 4.1.3).
    trustProxy: trustProxyOption(deps.config.http.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerRouteTable(app);
  registerDrainOnClose(app);
  registerNulTextRejection(app);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    deps.metrics.httpRequestDuration.observe(
      { method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });

  if (options.routes === "probes") {
    await app.register(healthRoutes(deps));
    await app.register(metricsRoutes(deps));
    return app;
  }

  await registerSecurityHeaders(app);
  await app.register(cookie);

  // Hook order matters: who is calling, then CSRF (needs the session), then the per-caller budget.
  registerAuthentication(app, [bearerApiKey(deps), sessionCookie(deps)]);
  registerCsrfProtection(app);
  registerPasswordChangeGate(app);
  registerRateLimits(app, deps);
  registerDenialAudit(app, deps);
  await registerOpenApi(app, { public: !deps.config.isLive });

  await app.register(healthRoutes(deps));
  await app.register(metricsRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(eventsRoutes(deps));
  await app.register(apiKeyRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(threadRoutes(deps));
  await app.register(messageRoutes(deps));
  await app.register(callsAndEmailsRoutes(deps));
  await app.register(contactRoutes(deps));
  await app.register(conversationRoutes(deps));
  await app.register(bookingRoutes(deps));
  await app.register(propertiesAndStaffRoutes(deps));
  await app.register(businessHoursRoutes(deps));
  await app.register(webhooksRoutes(deps));
  await app.register(webhookEventsRoutes(deps));
  await app.register(messageMediaRoutes(deps));
  await app.register(simulatorProxyRoutes(deps));
  await app.register(labelRoutes(deps));
  await app.register(reportsRoutes(deps));
  await app.register(csatRoutes(deps));
  await app.register(slaRoutes(deps));
  await app.register(privacyRoutes(deps));
  await app.register(staffPreferencesRoutes(deps));
  await app.register(cannedRepliesRoutes(deps));
  await app.register(draftRoutes(deps));
  await app.register(attachmentRoutes(deps));
  await registerStaticWeb(app);
  return app;
}

// Fastify takes a hop count at run time but its types do not say so; a function says the same.
function trustProxyOption(trust: boolean | number | string[]) {
  return typeof trust === "number" ? (_address: string, hop: number) => hop < trust : trust;
}
