/**
 * Which hosts a resolver may contact: a pure test that refuses private, loopback, link-local, unique-local,
 * unspecified and other non-public addresses, and `localhost` names, so that a credential cannot make a node
 * fetch from its own network (SSRF). It sends no traffic.
 */

type V4 = readonly [number, number, number, number];

// [first address, prefix length]: non-public IPv4 ranges (RFC 6890 special-purpose registry, the parts that matter).
const BLOCKED_V4: readonly (readonly [V4, number])[] = [
  [[0, 0, 0, 0], 8], // "this network", includes the unspecified 0.0.0.0
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // carrier-grade NAT, shared address space
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local, includes cloud metadata endpoints
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, includes broadcast 255.255.255.255
];

const v4ToNumber = (a: V4) => ((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]) >>> 0;

function isBlockedV4(address: V4): boolean {
  const n = v4ToNumber(address);
  return BLOCKED_V4.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (n & mask) >>> 0 === (v4ToNumber(base) & mask) >>> 0;
  });
}

function parseV4(text: string): V4 | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? (parts as unknown as V4) : undefined;
}

/** Parses the compressed hex form the WHATWG URL serializer emits (no brackets, no dotted tail). */
function parseV6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const all = [...head, ...new Array<number>(Math.max(fill, 0)).fill(0), ...tail];
  return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : undefined;
}

const v4From = (hi: number, lo: number): V4 => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];

function isBlockedV6(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const upper80Zero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upper80Zero && g5 === 0) return true; // ::, ::1 and deprecated IPv4-compatible ::a.b.c.d
  if (upper80Zero && g5 === 0xffff) return isBlockedV4(v4From(g6, g7)); // IPv4-mapped ::ffff:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return isBlockedV4(v4From(g6, g7)); // NAT64 well-known prefix
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return true; // local-use NAT64 (RFC 8215)
  if (g0 === 0x2002) return isBlockedV4(v4From(g1, g2)); // 6to4 embeds an IPv4 address
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return true; // deprecated site-local fec0::/10
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/**
 * True when `host` (a hostname, an IPv4 address, or an IPv6 address with or without brackets) must not be
 * contacted from a public resolver. Anything that does not parse as a host is refused too.
 * @example isBlockedHost("169.254.169.254") // true; isBlockedHost("example.edu") // false
 */
export function isBlockedHost(host: string): boolean {
  let hostname = host.trim();
  if (hostname.includes(":") && !hostname.startsWith("[")) hostname = `[${hostname}]`;
  try {
    // The URL parser normalises what a fetch would contact: 0x7f.1 -> 127.0.0.1, ::ffff:127.0.0.1 -> ::ffff:7f00:1.
    hostname = new URL(`http://${hostname}/`).hostname;
  } catch {
    return true;
  }
  if (hostname.startsWith("[")) {
    const groups = parseV6(hostname.slice(1, -1));
    return groups ? isBlockedV6(groups) : true;
  }
  const v4 = parseV4(hostname);
  if (v4) return isBlockedV4(v4);
  const name = hostname.replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost") || name === "";
}
