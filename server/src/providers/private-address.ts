import { BlockList, isIP } from "node:net";

// Which addresses a URL from outside (a guest's attachment, an outbound file link) may make this server
// connect to. Anything that is not plainly a public unicast address is "private": a request to it could
// reach the machine itself, the hotel's network or a cloud metadata service (SSRF).

/** `true` allows every private address, a list of CIDR ranges allows those only, `false` none. */
export type PrivateAddressAllowance = boolean | readonly string[];

const V4_RANGES: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8], // "this network", the unspecified address
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation (TEST-NET-1)
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation (TEST-NET-2)
  ["203.0.113.0", 24], // documentation (TEST-NET-3)
  ["224.0.0.0", 3], // multicast, reserved, broadcast
];

const V6_RANGES: ReadonlyArray<readonly [string, number]> = [
  ["::", 96], // unspecified, loopback, the deprecated IPv4-compatible form
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001::", 32], // Teredo: tunnels to an IPv4 address we cannot vouch for
  ["2001:db8::", 32], // documentation
  ["3fff::", 20], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];

const PRIVATE = new BlockList();
for (const [net, bits] of V4_RANGES) PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of V6_RANGES) PRIVATE.addSubnet(net, bits, "ipv6");

/**
 * Loopback, private, link-local, CGNAT, documentation, multicast, reserved and unspecified addresses, in
 * IPv4 or IPv6; an IPv6 address that carries an IPv4 one (v4-mapped in dotted or hex form, NAT64
 * `64:ff9b::/96`, 6to4 `2002::/16`) is judged by that IPv4 address. Anything that is not an IP is private.
 */
export function isPrivate(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  const family = isIP(ip);
  if (family === 4) return PRIVATE.check(ip, "ipv4");
  if (family !== 6) return true;
  const embedded = embeddedIpv4(ip);
  if (embedded) return PRIVATE.check(embedded, "ipv4");
  return PRIVATE.check(ip, "ipv6");
}

/** Whether the guard lets a connection to `address` through under `allowance`. */
export function isAllowedAddress(address: string, allowance: PrivateAddressAllowance): boolean {
  if (allowance === true || !isPrivate(address)) return true;
  if (allowance === false || allowance.length === 0) return false;
  const ip = address.replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  const family = isIP(ip);
  if (family === 0) return false;
  return allowedRanges(allowance).check(ip, family === 4 ? "ipv4" : "ipv6");
}

/** Parses `a.b.c.d/n` or `v6::/n` (a bare address is a single host); undefined when it is not a range. */
export function parseCidr(range: string): { address: string; bits: number; family: 4 | 6 } | undefined {
  const [address = "", bitsText] = range.trim().split("/");
  const family = isIP(address);
  if (family === 0) return undefined;
  const max = family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (
    !Number.isInteger(bits) ||
    bits < 0 ||
    bits > max ||
    (bitsText !== undefined && !/^\d+$/.test(bitsText))
  )
    return undefined;
  return { address, bits, family: family as 4 | 6 };
}

const rangesCache = new WeakMap<readonly string[], BlockList>();
function allowedRanges(ranges: readonly string[]): BlockList {
  const cached = rangesCache.get(ranges);
  if (cached) return cached;
  const list = new BlockList();
  for (const range of ranges) {
    const cidr = parseCidr(range);
    if (cidr) list.addSubnet(cidr.address, cidr.bits, cidr.family === 4 ? "ipv4" : "ipv6");
  }
  rangesCache.set(ranges, list);
  return list;
}

/** The IPv4 address an IPv6 one stands for (v4-mapped, SIIT-translated, NAT64, 6to4), if any. */
function embeddedIpv4(ip: string): string | undefined {
  const words = ipv6Words(ip);
  if (!words) return undefined;
  const zero = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const [w0, w1, w2, , w4, w5, w6 = 0, w7 = 0] = words;
  if (zero(0, 5) && w5 === 0xffff) return v4(w6, w7); // ::ffff:a.b.c.d
  if (zero(0, 4) && w4 === 0xffff && w5 === 0) return v4(w6, w7); // ::ffff:0:a.b.c.d
  if (w0 === 0x64 && w1 === 0xff9b && zero(2, 6)) return v4(w6, w7); // 64:ff9b::a.b.c.d
  if (w0 === 0x2002) return v4(w1 ?? 0, w2 ?? 0); // 2002:aabb:ccdd::/48
  return undefined;
}

/** The eight 16-bit words of an IPv6 address (`::` expanded, a trailing dotted IPv4 converted). */
function ipv6Words(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((w) => Number.parseInt(w, 16)));
  const first = parse(head);
  const last = tail === undefined ? [] : parse(tail);
  const words = [...first, ...Array(8 - first.length - last.length).fill(0), ...last];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff)
    ? words
    : undefined;
}
