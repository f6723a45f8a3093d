import type { Deps } from "@server/deps";
import { AppError } from "@server/errors";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const GuestMessageBody = z
  .object({
    phone: z.string().regex(/^\+?\d{6,15}$/, "digits with country code"),
    name: z.string().max(200).optional(),
    channel: z.enum(["WHATSAPP", "SMS"]),
    text: z.string().min(1).max(4096).optional(),
    mediaUrl: z.url().optional(),
    mediaType: z.enum(["image", "document", "audio", "video"]).optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.mediaUrl === undefined), "give either text or a media URL");

const OptOutBody = z.object({ phone: z.string().regex(/^\+?\d{6,15}$/) });

/**
 * Simulator mode only: lets a signed-in staff member play the guest from the web app ("Simulate
 * guest"), by forwarding to the in-process Gupshup simulator's control API, which is not exposed.
 */
export function simulatorProxyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const simulatorUrl = deps.simulatorUrl;
    if (!simulatorUrl) return;
    const forward = async (route: string, body: unknown) => {
      const res = await fetch(`${simulatorUrl}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok) throw new AppError("SERVICE_UNAVAILABLE", `simulator answered ${res.status}`, { answer });
      return answer;
    };

    app.post("/api/simulator/guest-message", { schema: { body: GuestMessageBody } }, async (request) => {
      const { phone, name, channel, text, mediaUrl, mediaType } = request.body;
      const media = mediaUrl ? { type: mediaType ?? "image", url: mediaUrl } : undefined;
      return forward("/simulator/inbound", { from: phone.replace(/^\+/, ""), name, channel, text, media });
    });
    app.post("/api/simulator/opt-out", { schema: { body: OptOutBody } }, async (request) => {
      return forward("/simulator/user-event", {
        phone: request.body.phone.replace(/^\+/, ""),
        type: "opted-out",
      });
    });
    // No input: a bare `curl -X POST` (no body) is as good as the web app's `{}`.
    app.post("/api/simulator/fail-next", { schema: { body: z.object({}).nullish() } }, async () => {
      return forward("/simulator/knobs", { failNext: 1 });
    });
    app.post("/api/simulator/fail-next-delivery", { schema: { body: z.object({}).nullish() } }, async () =>
      forward("/simulator/knobs", { undeliverableNext: 1 }),
    );
    app.post("/api/simulator/not-on-whatsapp-next", { schema: { body: z.object({}).nullish() } }, async () =>
      forward("/simulator/knobs", { notOnWhatsappNext: 1 }),
    );
  };
}
