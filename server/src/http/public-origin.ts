import type { Config } from "@server/config";
import type { FastifyRequest } from "fastify";

/**
 * Where the provider reaches this hub: the origin of GUPSHUP_WEBHOOK_URL when set (Gupshup already calls
 * it there), else the address the request came to (behind a proxy, X-Forwarded-* with TRUST_PROXY).
 */
export function publicOrigin(config: Config, request: FastifyRequest): string {
  const webhook = config.gupshup.webhook.url;
  if (webhook) return new URL(webhook).origin;
  return `${request.protocol}://${request.host}`;
}
