/**
 * A workload's role credentials used from outside it: the temporary key AWS hands a Lambda
 * function, an ECS task or an EKS pod, read from the environment or the container credential
 * endpoint (a vulnerable dependency, an SSRF, a leaked log) and used from the attacker's own
 * machine. CloudTrail records the key when it is issued (the service's AssumeRole, or the pod's
 * AssumeRoleWithWebIdentity), so the key's owner is known from its first use.
 *
 * Baseline, per issued key, kept for WINDOW_MS after its last use:
 * - Lambda functions and ECS tasks: the SDKs running there name their platform in the user
 *   agent (`exec-env/AWS_Lambda_<runtime>`, `exec-env/AWS_ECS_FARGATE`, `..._EC2`). Once the key
 *   has been used with its platform's mark, a call without the mark from a public network none
 *   of the marked calls came from raises. Lambda functions outside a VPC call AWS from many
 *   public addresses, so the mark, not the network alone, is what tells them from the attacker.
 * - EKS pods: the network the pod asked for the key from (AssumeRoleWithWebIdentity), or the
 *   first public network it is used from (Pod Identity), is the cluster's exit; a second public
 *   network raises, as for instance credentials.
 * False-positive controls: private, reserved and VPC-endpoint addresses are inside and never
 * raise; calls AWS services make are left out; a key never seen with its platform's mark (code
 * whose SDK does not send it) raises nothing; one detection per key and network.
 */
import type { FindingRecord } from '../../core/record.js';
import { statefulDetection } from '../detection-record.js';
import type { RuleMeta } from '../sigma/types.js';
import type { IssuedCredentials, StatefulFacts, Workload } from './facts.js';
import { publicNetwork, userAgentFamily } from './instance-credentials.js';
import { type DetectionStateStore, StateCache } from './state.js';

/** Lambda sessions last up to 12 hours, ECS and EKS ones less */
export const WINDOW_MS = 12 * 3_600_000;
/** networks kept per key */
const MAX_KEPT = 8;

export const WORKLOAD_CREDENTIALS_RULE: RuleMeta = {
  file: '(built in: src/detect/stateful/workload-credentials.ts)',
  document: 0,
  id: 'cloudward.stateful.workload_credentials_outside',
  title: 'Workload role credentials used outside the workload',
  status: 'experimental',
  level: 'high',
  description:
    "The role credentials AWS issued to a Lambda function, an ECS task or an EKS pod were used from outside it: without the platform's mark in the user agent, or from another network than the workload's. Find how the workload's environment or credential endpoint was read (a dependency, a request forgery, a log), and revoke the role's active sessions.",
  author: 'Cloudward',
  references: [
    'https://attack.mitre.org/techniques/T1552/',
    'https://attack.mitre.org/techniques/T1078/004/',
  ],
  tags: ['attack.credential-access', 'attack.t1552', 'attack.t1078.004'],
  falsepositives: [
    'Code in a function or task whose SDK does not name its platform, next to code that does, calling from a new network',
    'An EKS cluster whose traffic leaves through several public NAT networks',
  ],
  fields: [],
};

/** The user-agent mark of the platforms whose SDKs send one (AWS_EXECUTION_ENV). */
const PLATFORM_MARK: Partial<Record<Workload, RegExp>> = {
  lambda_function: /\bexec-env\/AWS_Lambda_/i,
  ecs_task: /\bexec-env\/AWS_ECS_/i,
};

const WORKLOAD_NAMES: Record<Workload, string> = {
  lambda_function: 'Lambda function',
  ecs_task: 'ECS task',
  eks_pod_identity: 'EKS pod (Pod Identity)',
  eks_service_account: 'EKS service account',
};

interface KeyUse {
  workload: Workload;
  name: string;
  role: string | null;
  /** public networks the workload itself called from */
  networks: string[];
  /** calls seen with the platform's mark */
  marked_uses: number;
  last_ms: number;
  reported: string[];
}

export class WorkloadCredentialsOutside {
  private readonly keys: StateCache<KeyUse>;

  constructor(store: DetectionStateStore) {
    this.keys = new StateCache(store, 'workload_key_use');
  }

  async observe(f: StatefulFacts): Promise<FindingRecord | null> {
    const t = Date.parse(f.time);
    if (f.issued) {
      await this.learnIssued(f.issued, f, t);
      return null;
    }
    if (!f.access_key || f.by_service) return null;
    const use = await this.keys.get(f.access_key, t);
    if (!use) return null;
    use.last_ms = Math.max(use.last_ms, t);
    const network = f.vpc_endpoint || !f.source_ip ? null : publicNetwork(f.source_ip);
    const found = this.judge(use, f, network);
    await this.keys.set(f.access_key, use, use.last_ms + WINDOW_MS);
    return found;
  }

  private async learnIssued(issued: IssuedCredentials, f: StatefulFacts, t: number): Promise<void> {
    if (await this.keys.get(issued.access_key, t)) return;
    // a pod asks STS for its key itself, so where it asked from is the cluster's exit
    const asked =
      issued.workload === 'eks_service_account' && f.source_ip ? publicNetwork(f.source_ip) : null;
    const use: KeyUse = {
      workload: issued.workload,
      name: issued.name,
      role: issued.role,
      networks: asked && !f.vpc_endpoint ? [asked] : [],
      marked_uses: 0,
      last_ms: t,
      reported: [],
    };
    await this.keys.set(issued.access_key, use, t + WINDOW_MS);
  }

  /** Updates the key's baseline with this call and returns a detection when it is from outside. */
  private judge(use: KeyUse, f: StatefulFacts, network: string | null): FindingRecord | null {
    const mark = PLATFORM_MARK[use.workload];
    const learn = () => {
      if (network && !use.networks.includes(network) && use.networks.length < MAX_KEPT)
        use.networks.push(network);
    };
    if (mark) {
      if (f.user_agent && mark.test(f.user_agent)) {
        use.marked_uses += 1;
        learn();
        return null;
      }
      if (use.marked_uses === 0 || !network || use.networks.includes(network)) return null;
      return this.report(use, f, network, `without the ${WORKLOAD_NAMES[use.workload]}'s user-agent mark`);
    }
    if (!network || use.networks.includes(network)) return null;
    if (use.networks.length === 0) {
      learn();
      return null;
    }
    const found = this.report(use, f, network, 'from another network');
    learn();
    return found;
  }

  private report(use: KeyUse, f: StatefulFacts, network: string, how: string): FindingRecord | null {
    if (use.reported.includes(network)) return null;
    use.reported = [...use.reported, network].slice(-MAX_KEPT);
    const what = `${WORKLOAD_NAMES[use.workload]} ${use.name}`;
    return statefulDetection(
      WORKLOAD_CREDENTIALS_RULE,
      f,
      `credentials of ${what} (key ${f.access_key}) used ${how} from ${f.source_ip}, outside ${use.networks.join(', ') || 'its known networks'}`,
      {
        kind: 'workload_credentials_outside',
        workload: use.workload,
        workload_name: use.name,
        role: use.role,
        access_key: f.access_key,
        principal: f.principal,
        network,
        known_networks: [...use.networks],
        platform_mark_seen: use.marked_uses > 0,
        user_agent_family: userAgentFamily(f.user_agent),
      },
    );
  }

  async flush(): Promise<void> {
    await this.keys.flush();
  }
}
