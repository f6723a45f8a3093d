import { createHmac, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import type {
  WebhookAuthOptions,
  WebhookAuthResult,
  WebhookRequest,
} from "@server/providers/webhook-request";

// Gupshup signs nothing (docs/gupshup-formats.md §6). A callback proves itself with our shared secret, given as
// ?token=<secret> in the callback URL, `Authorization: Bearer <secret>` (subscription headers), or an
// X-Hub-Signature-256 HMAC of the raw body added by a proxy; optionally only from allowed addresses.

/** Checks a callback's source address and secret; compares in constant time. */
export function authenticateWebhook(request: WebhookRequest, options: WebhookAuthOptions): WebhookAuthResult {
  if (options.allowedIps.length > 0 && !ipAllowed(request.sourceIp, options.allowedIps)) {
    return { ok: false, reason: "source address is not in GUPSHUP_WEBHOOK_IPS" };
  }
  const secret = options.secret;
  if (!secret) return { ok: true, via: "none" };

  const token = queryToken(request.query);
  const bearer = /^Bearer\s+(.+)$/i.exec(header(request, "authorization") ?? "")?.[1]?.trim();
  const signature = /^sha256=([0-9a-f]+)$/i.exec(header(request, "x-hub-signature-256")?.trim() ?? "")?.[1];
  if (token === undefined && bearer === undefined && signature === undefined) {
    return { ok: false, reason: "no webhook credentials (token, bearer or signature)" };
  }
  if (token !== undefined && safeEqual(token, secret)) return { ok: true, via: "token" };
  if (bearer !== undefined && safeEqual(bearer, secret)) return { ok: true, via: "bearer" };
  if (signature !== undefined) {
    const expected = createHmac("sha256", secret).update(request.rawBody).digest("hex");
    if (safeEqual(signature.toLowerCase(), expected)) return { ok: true, via: "signature" };
  }
  return { ok: false, reason: "webhook credentials do not match GUPSHUP_WEBHOOK_SECRET" };
}

/** timingSafeEqual throws on unequal lengths, and an early length check is the only leak (the length). */
export function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

function header(request: WebhookRequest, name: string): string | undefined {
  const entry = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}

function queryToken(query: WebhookRequest["query"]): string | undefined {
  if (query === undefined) return undefined;
  const value =
    typeof query === "string" ? (new URLSearchParams(query).get("token") ?? undefined) : query.token;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : undefined;
}

/** Whether `ip` (v4, v6 or v4-mapped v6) falls in one of `allowed` (addresses or CIDR ranges). */
export function ipAllowed(ip: string | undefined, allowed: string[]): boolean {
  if (!ip) return false;
  const address = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const family = isIP(address);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of allowed) {
    const [net = "", bits] = entry.trim().split("/");
    const netFamily = isIP(net);
    if (netFamily === 0) continue;
    const type = netFamily === 4 ? "ipv4" : "ipv6";
    try {
      if (bits === undefined) list.addAddress(net, type);
      else list.addSubnet(net, Number(bits), type);
    } catch {
      // An impossible prefix (/40 on IPv4) matches nothing; config validation reports the syntax.
    }
  }
  return list.check(address, family === 4 ? "ipv4" : "ipv6");
}
