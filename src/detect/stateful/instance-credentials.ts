/**
 * An EC2 instance's role credentials used from outside the instance: the temporary key the
 * instance metadata service hands out, stolen (SSRF, a compromised host) and used from the
 * attacker's own network. Each key is remembered with the public networks it was used from.
 *
 * Baseline: the networks (IPv4 /16, IPv6 /48) and user-agent families each instance key was used
 * from, kept for WINDOW_MS after its last use (instance credentials live at most a few hours).
 * False-positive controls: private, reserved and VPC-endpoint addresses are inside and never
 * raise (an instance reaches AWS through endpoints and NAT both); calls AWS services make are
 * left out; only a second public network raises, so the first NAT exit becomes the baseline;
 * a new user-agent family alone raises nothing (instances run several SDKs and the CLI) but is
 * reported as evidence; one detection per key and network.
 */
import { isIP } from 'node:net';
import type { FindingRecord } from '../../core/record.js';
import { statefulDetection } from '../detection-record.js';
import type { RuleMeta } from '../sigma/types.js';
import type { StatefulFacts } from './facts.js';
import { type DetectionStateStore, StateCache } from './state.js';

export const WINDOW_MS = 12 * 3_600_000;
/** networks and families kept per key */
const MAX_KEPT = 8;

export const INSTANCE_CREDENTIALS_RULE: RuleMeta = {
  file: '(built in: src/detect/stateful/instance-credentials.ts)',
  document: 0,
  id: 'cloudward.stateful.instance_credentials_outside',
  title: 'Instance role credentials used from another network',
  status: 'experimental',
  level: 'high',
  description:
    "An EC2 instance's role credentials were used from a public network other than the one the instance calls AWS from. The instance's temporary key has left it (server-side request forgery, a compromised host): find what reached the instance metadata service, and revoke the role's active sessions.",
  author: 'Cloudward',
  references: [
    'https://attack.mitre.org/techniques/T1552/005/',
    'https://stratus-red-team.cloud/attack-techniques/AWS/aws.credential-access.ec2-steal-instance-credentials/',
  ],
  tags: [
    'attack.credential-access',
    'attack.t1552.005',
    'attack.t1078.004',
    'stratus.aws.credential-access.ec2-steal-instance-credentials',
  ],
  falsepositives: ['An instance whose traffic leaves through several public NAT or proxy networks'],
  fields: [],
};

interface KeyUse {
  instance: string;
  networks: string[];
  families: string[];
  last_ms: number;
  reported: string[];
}

/** The /16 (IPv4) or /48 (IPv6) of a public address; null for private, reserved and non-addresses. */
export function publicNetwork(ip: string): string | null {
  const v = isIP(ip);
  if (v === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    const inside =
      a === 10 ||
      a === 127 ||
      a === 0 ||
      a >= 224 ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b < 128);
    return inside ? null : `${a}.${b}.0.0/16`;
  }
  if (v === 6) {
    const lower = ip.toLowerCase();
    if (lower === '::1' || /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(lower)) return null;
    const groups = lower.split('::')[0]?.split(':') ?? [];
    return `${[0, 1, 2].map((i) => groups[i] || '0').join(':')}::/48`;
  }
  return null;
}

/** "Boto3/1.34 md/..." -> "boto3"; "aws-cli/2.15" -> "aws-cli" */
export function userAgentFamily(ua: string | null): string | null {
  if (!ua) return null;
  const first = ua.trim().split(/[\s/]/)[0]?.toLowerCase();
  return first ? first.replace(/^\[|\]$/g, '') : null;
}

export class InstanceCredentialsOutside {
  private readonly keys: StateCache<KeyUse>;

  constructor(store: DetectionStateStore) {
    this.keys = new StateCache(store, 'instance_key_use');
  }

  async observe(f: StatefulFacts): Promise<FindingRecord | null> {
    if (!f.instance || !f.access_key || f.by_service) return null;
    const t = Date.parse(f.time);
    const before = await this.keys.get(f.access_key, t);
    const use: KeyUse = before ?? {
      instance: f.instance,
      networks: [],
      families: [],
      last_ms: t,
      reported: [],
    };
    use.last_ms = Math.max(use.last_ms, t);
    const family = userAgentFamily(f.user_agent);
    const knownFamilies = [...use.families];
    const newFamily = family !== null && !use.families.includes(family);
    if (family && newFamily && use.families.length < MAX_KEPT) use.families.push(family);
    const network = f.vpc_endpoint || !f.source_ip ? null : publicNetwork(f.source_ip);
    let found: FindingRecord | null = null;
    if (network && !use.networks.includes(network)) {
      if (use.networks.length > 0 && !use.reported.includes(network)) {
        use.reported = [...use.reported, network].slice(-MAX_KEPT);
        found = statefulDetection(
          INSTANCE_CREDENTIALS_RULE,
          f,
          `credentials of instance ${use.instance} (key ${f.access_key}) used from ${f.source_ip}, outside ${use.networks.join(', ')}`,
          {
            kind: 'instance_credentials_outside',
            instance: use.instance,
            access_key: f.access_key,
            principal: f.principal,
            network,
            known_networks: [...use.networks],
            user_agent_family: family,
            new_user_agent_family: newFamily && knownFamilies.length > 0,
            known_user_agent_families: knownFamilies,
          },
        );
      }
      if (use.networks.length < MAX_KEPT) use.networks.push(network);
    }
    await this.keys.set(f.access_key, use, use.last_ms + WINDOW_MS);
    return found;
  }

  async flush(): Promise<void> {
    await this.keys.flush();
  }
}
