/** A received callback as the webhook route hands it over: raw bytes first, nothing re-serialized. */
export type WebhookRequest = {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed query string, or the raw query string without `?`. */
  query?: Record<string, unknown> | string;
  rawBody: string | Buffer;
  sourceIp?: string;
};

export type WebhookAuthOptions = {
  /** Shared secret; unset means callbacks are not authenticated (the caller decides whether that is allowed). */
  secret?: string;
  /** IPs or CIDR ranges (IPv4 and IPv6); empty means any source. */
  allowedIps: string[];
};

export type WebhookAuthResult =
  | { ok: true; via: "token" | "bearer" | "signature" | "none" }
  | { ok: false; reason: string };
