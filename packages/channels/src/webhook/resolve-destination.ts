import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { checkAddress, type NetworkPolicy } from './address-policy';

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** dns.lookup(host, {all: true}); injectable so tests can make a name resolve anywhere. */
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: LookupAll = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export class DestinationRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DestinationRefused';
  }
}

/**
 * Resolves the URL's host and vets every address. All must pass: one private answer among public
 * ones is how DNS rebinding hides. The caller connects only to these addresses (see pinnedLookup),
 * so a second, different DNS answer at connect time cannot slip through.
 */
export async function resolveDestination(url: URL, policy: NetworkPolicy, lookup: LookupAll): Promise<ResolvedAddress[]> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DestinationRefused(`only http and https webhook URLs are allowed, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '') throw new DestinationRefused('the webhook URL has no host');
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(host);
    } catch (error) {
      // Unresolvable now may resolve later (DNS outage); the caller decides retryability.
      throw Object.assign(new Error(`cannot resolve ${host}: ${error instanceof Error ? error.message : String(error)}`), { code: 'EDNS' });
    }
    if (addresses.length === 0) throw Object.assign(new Error(`${host} has no addresses`), { code: 'EDNS' });
  }
  for (const { address } of addresses) {
    const verdict = checkAddress(address, policy, isIP(host) ? undefined : host);
    if (!verdict.allowed) {
      const via = isIP(host) ? '' : ` (${host} resolves to it)`;
      throw new DestinationRefused(
        `refused to call ${verdict.address}${via}: ${verdict.description} addresses are not reachable from webhooks; set allowPrivateNetworks or add it to the webhook allow-list`,
      );
    }
  }
  return addresses;
}

/** A `lookup` for http.request that answers only with the vetted addresses. */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const candidates = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    const list = candidates.length > 0 ? candidates : addresses;
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}
