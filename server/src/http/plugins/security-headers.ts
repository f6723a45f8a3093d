import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "@server/http/app";
import helmet from "helmet";

/**
 * Helmet's header set (ASVS 3.4.x) with a CSP for the web app that forbids framing, plus
 * `Cache-Control: no-store` on every API answer and HTML page, which carry guests' names, numbers and
 * messages (ASVS 14.3.2): no shared or browser cache keeps a copy.
 */
export async function registerSecurityHeaders(app: App): Promise<void> {
  // Computed once: @fastify/helmet rebuilt the whole header set (parsing the CSP again) on every request,
  // a few per cent of the webhook acknowledgement's CPU. Set on the raw response, so that answers which
  // write their own head (the event stream) carry them too.
  const helmetHeaders = headersSetBy(
    helmet({
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
    }),
  );
  app.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of helmetHeaders) reply.raw.setHeader(name, value);
    done();
  });
  app.addHook("onSend", async (request, reply) => {
    const type = String(reply.getHeader("content-type") ?? "");
    if (request.url.startsWith("/api/") || type.startsWith("text/html")) {
      reply.header("cache-control", "no-store");
    }
  });
}

/** The headers a helmet middleware sets, which do not depend on the request for the options above. */
function headersSetBy(middleware: ReturnType<typeof helmet>): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return [...headers];
}
