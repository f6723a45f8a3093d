import helmet from "@fastify/helmet";
import type { App } from "@server/http/app";

/**
 * Helmet's header set (ASVS 3.4.x) with a CSP for the web app that forbids framing, plus
 * `Cache-Control: no-store` on every API answer and HTML page, which carry guests' names, numbers and
 * messages (ASVS 14.3.2): no shared or browser cache keeps a copy.
 */
export async function registerSecurityHeaders(app: App): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'"],
        // The app shows images from its own origin only (stored attachments); any wider source would let
        // an injected <img> carry data to another site.
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: "deny" },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: "no-referrer" },
  });
  app.addHook("onSend", async (request, reply) => {
    const type = String(reply.getHeader("content-type") ?? "");
    if (request.url.startsWith("/api/") || type.startsWith("text/html")) {
      reply.header("cache-control", "no-store");
    }
  });
}
