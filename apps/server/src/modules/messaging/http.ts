import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/*
 * Outgoing HTTP for the SMS provider and the department systems' webhooks: a JSON POST with a
 * timeout, no redirects followed, the answer read up to a limit. For webhooks, whose URLs
 * department admins type in, the addresses are guarded against SSRF: loopback, private,
 * link-local (cloud metadata at 169.254.169.254), shared, multicast and reserved ranges are
 * refused — checked on the address the socket actually connects to (the lookup), so a name
 * that resolves differently at send time (DNS rebinding) is caught too.
 */

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

/** Whether an IP address is one a webhook must not reach (loopback, private, reserved …). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4-mapped and -compatible IPv6 (::ffff:127.0.0.1) reach the IPv4 address
  const mapped = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
    const v4 = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    return blocked.check(v4, 'ipv4');
  }
  return blocked.check(address, 'ipv6');
}

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(host: string) {
    super(`${host} resolves to an address webhooks may not reach (loopback, private, reserved)`);
    this.name = 'BlockedAddressError';
  }
}

/** Why a webhook URL is refused, or undefined when it is fine (the host is resolved). */
export async function webhookUrlProblem(
  value: string,
  allowPrivate: boolean,
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http and https URLs';
  if (url.username !== '' || url.password !== '') {
    return 'no user name or password in the URL (the signature authenticates the call)';
  }
  if (url.hash !== '') return 'no fragment (#…) in the URL';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (allowPrivate) return undefined;
  if (net.isIP(host) !== 0) {
    return isPrivateAddress(host) ? 'a loopback, private or reserved address' : undefined;
  }
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    return `the host ${host} does not resolve`;
  }
  return addresses.some((a) => isPrivateAddress(a.address))
    ? `the host ${host} resolves to a loopback, private or reserved address`
    : undefined;
}

/** A DNS lookup that refuses private addresses: the socket connects only where it allows. */
function guardedLookup(
  hostname: string,
  options: dns.LookupOptions,
  callback: (
    err: NodeJS.ErrnoException | null,
    address: string | dns.LookupAddress[],
    family?: number,
  ) => void,
): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses;
    if (list.length === 0 || list.some((a) => isPrivateAddress(a.address))) {
      return callback(new BlockedAddressError(hostname), '', 0);
    }
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

export interface HttpAnswer {
  status: number;
  /** the answer's body, at most 64 KiB */
  text: string;
}

export class HttpStatusError extends Error {
  readonly code = 'EHTTPSTATUS';
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`HTTP ${status}${body ? `: ${body.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`);
    this.name = 'HttpStatusError';
  }
}

/**
 * POSTs a JSON body; resolves with any answer (the caller decides what a status means), rejects
 * on network errors, a timeout, or — guarded — a private address.
 */
export function postJson(
  target: string,
  body: string,
  options: { headers?: Record<string, string>; timeoutMs?: number; guard: boolean },
): Promise<HttpAnswer> {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (options.guard && net.isIP(host) !== 0 && isPrivateAddress(host)) {
    return Promise.reject(new BlockedAddressError(host));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Zhengtong-Messaging/1',
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 10_000,
        ...(options.guard ? { lookup: guardedLookup } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= 65_536) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8').slice(0, 65_536),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
