import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { PassThrough, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isAllowedAddress, type PrivateAddressAllowance } from "./private-address";

// Downloads an inbound attachment (Gupshup's media URLs expire) into the media store. The URL comes from a
// callback, so it is treated as hostile: http(s) only, no loopback/private/link-local targets unless
// allowed (checked on every address a host name resolves to, at every redirect), a size cap and an
// overall deadline.

/** Where a download goes: the media store's put (providers know no store, only this). */
export type MediaSink = { put(key: string, body: AsyncIterable<Uint8Array>): Promise<unknown> };

export type MediaDownloadOptions = {
  /** Where to keep it (the store's put is all or nothing: a failed download leaves nothing behind). */
  store: MediaSink;
  key: string;
  maxBytes: number;
  timeoutMs: number;
  allowPrivateAddresses: PrivateAddressAllowance;
  /** Aborts the download early (the job runner's shutdown); ends as "retryable". */
  signal?: AbortSignal;
};

export type MediaDownloadResult =
  | { kind: "stored"; size: number; contentType: string | undefined }
  /** Will fail again (refused address, too large, 4xx): give up. */
  | { kind: "rejected"; reason: string }
  /** Might work later (network, 5xx, timeout). */
  | { kind: "retryable"; reason: string };

const MAX_REDIRECTS = 3;

export async function downloadMedia(
  url: string,
  options: MediaDownloadOptions,
): Promise<MediaDownloadResult> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const opened = await open(url, "GET", options.allowPrivateAddresses, signal);
  if (opened.kind !== "open") return opened;
  const { response } = opened;
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    response.resume();
    const reason = `media server answered ${status}`;
    return status === 429 || status >= 500 ? { kind: "retryable", reason } : { kind: "rejected", reason };
  }
  return save(response, options, signal);
}

export type MediaProbeResult =
  /** The server has the file; size and type as it declares them (either may be missing). */
  | { kind: "found"; size: number | undefined; contentType: string | undefined }
  /** It certainly cannot be fetched: a refused address, 404/410, too many redirects. */
  | { kind: "rejected"; reason: string }
  /** No answer worth acting on (timeout, 5xx, HEAD not allowed or not signed for): let the provider try. */
  | { kind: "unknown"; reason: string };

/**
 * Asks the server that holds an outbound attachment for its size and type (a HEAD request, redirects
 * followed) with the same address guards as a download, before the provider is told to fetch it.
 */
export async function probeMedia(
  url: string,
  options: { timeoutMs: number; allowPrivateAddresses: PrivateAddressAllowance },
): Promise<MediaProbeResult> {
  const opened = await open(
    url,
    "HEAD",
    options.allowPrivateAddresses,
    AbortSignal.timeout(options.timeoutMs),
  );
  if (opened.kind === "retryable") return { kind: "unknown", reason: opened.reason };
  if (opened.kind === "rejected") return opened;
  const { response } = opened;
  response.resume();
  const status = response.statusCode ?? 0;
  if (status === 404 || status === 410)
    return { kind: "rejected", reason: `media server answered ${status}` };
  // A URL pre-signed for GET (S3, GCS) answers HEAD with 403; servers without HEAD answer 405 or 501.
  if (status < 200 || status >= 300) return { kind: "unknown", reason: `media server answered ${status}` };
  const declared = Number(response.headers["content-length"]);
  return {
    kind: "found",
    size:
      response.headers["content-length"] !== undefined && Number.isFinite(declared) ? declared : undefined,
    contentType: response.headers["content-type"]?.split(";")[0]?.trim().toLowerCase(),
  };
}

type Failure = { kind: "rejected"; reason: string } | { kind: "retryable"; reason: string };
type Opened = { kind: "open"; response: http.IncomingMessage } | Failure;

/** The final response for `url` after at most MAX_REDIRECTS redirects, every hop through the guards. */
async function open(
  url: string,
  method: "GET" | "HEAD",
  allowPrivate: PrivateAddressAllowance,
  signal: AbortSignal,
): Promise<Opened> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = parseTarget(current, allowPrivate);
    if (typeof target === "string") return { kind: "rejected", reason: target };
    let response: http.IncomingMessage;
    try {
      response = await request(target, method, allowPrivate, signal);
    } catch (err) {
      return failure(err);
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      current = new URL(location, target).toString();
      continue;
    }
    return { kind: "open", response };
  }
  return { kind: "rejected", reason: `more than ${MAX_REDIRECTS} redirects` };
}

function parseTarget(url: string, allowPrivate: PrivateAddressAllowance): URL | string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return "not a URL";
  }
  if (target.protocol !== "http:" && target.protocol !== "https:")
    return `${target.protocol} URLs are not fetched`;
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !isAllowedAddress(host, allowPrivate)) return "media URL points at a private address";
  return target;
}

function request(
  target: URL,
  method: "GET" | "HEAD",
  allowPrivate: PrivateAddressAllowance,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    // A fresh connection every time (no keep-alive agent): a pooled socket would skip the guarded lookup.
    const options = { method, signal, agent: false, lookup: guardedLookup(allowPrivate) } as const;
    const req = client.request(target, options, resolve);
    req.on("error", reject);
    req.end();
  });
}

// Checked at connect time, on the addresses actually used, so DNS rebinding cannot slip past. Node asks
// for every address (`all: true`, to try IPv6 and IPv4 in turn) or for one; it gets what it asked for,
// and a host name with any refused address is refused as a whole.
function guardedLookup(allowPrivate: PrivateAddressAllowance): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, options.all ? [] : "", 0);
      const first = addresses[0];
      if (!first) {
        const notFound = Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" });
        return callback(notFound, options.all ? [] : "", 0);
      }
      if (addresses.some(({ address }) => !isAllowedAddress(address, allowPrivate))) {
        const refused = Object.assign(new Error("media URL resolves to a private address"), {
          code: "EPRIVATE",
        });
        return callback(refused, options.all ? [] : "", 0);
      }
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

async function save(
  response: http.IncomingMessage,
  options: MediaDownloadOptions,
  signal: AbortSignal,
): Promise<MediaDownloadResult> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.destroy();
    return { kind: "rejected", reason: `media is larger than ${options.maxBytes} bytes` };
  }
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > options.maxBytes) done(new TooLarge(options.maxBytes));
      else done(null, chunk);
    },
  });
  // The bytes flow from the response into the store as they arrive; an error on either side fails both.
  const body = new PassThrough();
  const [download, stored] = await Promise.allSettled([
    pipeline(response, cap, body, { signal }),
    options.store.put(options.key, body).catch((err: unknown) => {
      body.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }),
  ]);
  if (download.status === "rejected") return failure(download.reason);
  if (stored.status === "rejected") return failure(stored.reason);
  return { kind: "stored", size, contentType: response.headers["content-type"] };
}

class TooLarge extends Error {
  constructor(maxBytes: number) {
    super(`media is larger than ${maxBytes} bytes`);
  }
}

function failure(err: unknown): Failure {
  const reason = err instanceof Error ? err.message : String(err);
  if (err instanceof TooLarge) return { kind: "rejected", reason };
  if (err instanceof Error && "code" in err && err.code === "EPRIVATE") return { kind: "rejected", reason };
  return { kind: "retryable", reason };
}
