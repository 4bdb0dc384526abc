import ipaddr from 'ipaddr.js';

/** Which destinations a webhook may reach beyond the public internet. */
export type NetworkPolicy = {
  /** Allow loopback, private (RFC 1918), CGNAT, IPv6 unique-local and link-local addresses: for self-hosted setups and tests. */
  allowPrivateNetworks?: boolean;
  /** Hostnames ("hooks.internal"), addresses ("10.1.2.3") or CIDR ranges ("10.0.0.0/8", "fd00::/8") always allowed. */
  allowList?: readonly string[];
};

// Private in the sense "inside someone's network": allowed by allowPrivateNetworks.
const PRIVATE_RANGES = new Set(['loopback', 'private', 'carrierGradeNat', 'uniqueLocal', 'linkLocal']);

// Cloud metadata endpoints hand out credentials; only an explicit allow-list entry reaches them.
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200']);

const DESCRIPTIONS: Record<string, string> = {
  loopback: 'loopback',
  private: 'private network',
  carrierGradeNat: 'carrier-grade NAT',
  uniqueLocal: 'IPv6 unique-local',
  linkLocal: 'link-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  reserved: 'reserved',
  ipv4Compatible: 'IPv4-compatible IPv6',
  rfc6052: 'NAT64',
  '6to4': '6to4',
  teredo: 'Teredo',
  metadata: 'cloud metadata endpoint',
};

export type AddressVerdict = { allowed: true; address: string } | { allowed: false; address: string; range: string; description: string };

/** Normalises IPv4-mapped IPv6 (::ffff:10.0.0.1) to the IPv4 it stands for, so it gets the same verdict. */
function normalise(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed;
}

function rangeOf(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (METADATA_ADDRESSES.has(ip.toString())) return 'metadata';
  if (ip.kind() === 'ipv6') {
    const parts = (ip as ipaddr.IPv6).parts;
    // ::a.b.c.d (deprecated IPv4-compatible) reaches an IPv4 host on some stacks; ipaddr.js calls it unicast.
    if (parts.slice(0, 6).every((p) => p === 0)) return parts[6] === 0 && parts[7] === 0 ? 'unspecified' : parts[6] === 0 && parts[7] === 1 ? 'loopback' : 'ipv4Compatible';
  }
  return ip.range();
}

function inAllowList(ip: ipaddr.IPv4 | ipaddr.IPv6, allowList: readonly string[]): boolean {
  for (const entry of allowList) {
    try {
      if (entry.includes('/')) {
        const [net, bits] = ipaddr.parseCIDR(entry);
        const candidate = ip.kind() === net.kind() ? ip : ip.kind() === 'ipv4' ? (ip as ipaddr.IPv4).toIPv4MappedAddress() : null;
        if (candidate && candidate.kind() === net.kind() && candidate.match([net, bits] as never)) return true;
      } else if (ipaddr.isValid(entry) && normalise(entry).toString() === ip.toString()) {
        return true;
      }
    } catch {
      // Hostname entries are handled by the caller; malformed ones simply match nothing.
    }
  }
  return false;
}

/** Whether a webhook may connect to `address` under `policy`. */
export function checkAddress(address: string, policy: NetworkPolicy = {}, hostname?: string): AddressVerdict {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = normalise(address);
  } catch {
    return { allowed: false, address, range: 'invalid', description: 'not an IP address' };
  }
  const normalised = ip.toString();
  const allowList = policy.allowList ?? [];
  if (hostname && allowList.some((e) => e.toLowerCase() === hostname.toLowerCase())) return { allowed: true, address: normalised };
  if (inAllowList(ip, allowList)) return { allowed: true, address: normalised };
  const range = rangeOf(ip);
  if (range === 'unicast') return { allowed: true, address: normalised };
  if (policy.allowPrivateNetworks && PRIVATE_RANGES.has(range)) return { allowed: true, address: normalised };
  return { allowed: false, address: normalised, range, description: DESCRIPTIONS[range] ?? range };
}
