import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import helmet from "@fastify/helmet";
import type { Deps } from "@server/deps";
import { registerErrorHandler } from "@server/http/error-handler";
import { bearerApiKey, registerAuthentication } from "@server/http/plugins/authenticate";
import { registerStaticWeb } from "@server/http/plugins/static-web";
import { authRoutes } from "@server/http/routes/auth.routes";
import { bookingRoutes } from "@server/http/routes/bookings.routes";
import { callsAndEmailsRoutes } from "@server/http/routes/calls-and-emails.routes";
import { contactRoutes } from "@server/http/routes/contacts.routes";
import { healthRoutes } from "@server/http/routes/health.routes";
import { propertiesAndStaffRoutes } from "@server/http/routes/properties-and-staff.routes";
import { threadRoutes } from "@server/http/routes/threads.routes";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";

export const BODY_LIMIT_BYTES = 1024 * 1024;

export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Builds the HTTP server with every route listed here, in one place. */
export async function buildApp(deps: Deps): Promise<App> {
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
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "https:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: "deny" },
  });

  registerAuthentication(app, [bearerApiKey(deps)]);

  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(threadRoutes(deps));
  await app.register(callsAndEmailsRoutes(deps));
  await app.register(contactRoutes(deps));
  await app.register(bookingRoutes(deps));
  await app.register(propertiesAndStaffRoutes(deps));
  await registerStaticWeb(app);
  return app;
}
