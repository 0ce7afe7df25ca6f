/** Address formats the answers schema names (`cidr`, `private-cidr`), checked without a dependency. */

const IPV4_OCTET = /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$/;

export interface Cidr {
  readonly octets: readonly [number, number, number, number];
  readonly prefix: number;
}

export function parseCidr(value: string): Cidr | undefined {
  const match = /^([0-9.]+)\/([0-9]{1,2})$/.exec(value);
  if (!match) return undefined;
  const parts = match[1]!.split('.');
  if (parts.length !== 4 || !parts.every((p) => IPV4_OCTET.test(p))) return undefined;
  const prefix = Number(match[2]);
  if (prefix > 32) return undefined;
  const octets = parts.map(Number) as [number, number, number, number];
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const hostBits = prefix === 0 ? 0xffffffff : (1 << (32 - prefix)) - 1;
  // A network address only: no host bits set (10.0.0.1/16 is a typo, not a network).
  if (prefix < 32 && (address & hostBits) >>> 0 !== 0) return undefined;
  return { octets, prefix };
}

export function isCidr(value: string): boolean {
  return parseCidr(value) !== undefined;
}

/** An RFC 1918 range with a prefix from /16 to /24: what a VPC may use. */
export function isPrivateVpcCidr(value: string): boolean {
  const cidr = parseCidr(value);
  if (!cidr || cidr.prefix < 16 || cidr.prefix > 24) return false;
  const [a, b] = cidr.octets;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
