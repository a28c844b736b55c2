import type { ActionDefinition, ActionTarget } from '../kit/action.js';
import { AWS_ACTION_COMMANDS } from './actions/commands.js';
import { errorCodes } from './errors.js';

/** How an AWS action reads: a declared read call by `<service>:<Operation>`, in a region. */
export type AwsRead = (
  action: string,
  region: string,
  input: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

export type AwsAction = ActionDefinition<AwsRead>;

/** Declares an AWS action; its calls must be known remediation commands. */
export function defineAwsAction(def: Omit<AwsAction, 'cloud'>): AwsAction {
  for (const call of [...def.writes, ...def.reads]) {
    if (!AWS_ACTION_COMMANDS[call]) throw new Error(`action ${def.id}: ${call} is not a remediation command`);
  }
  return { ...def, cloud: 'aws' };
}

/** The IAM permissions an action needs: its calls' permissions. */
export function actionPermissions(action: Pick<AwsAction, 'writes' | 'reads'>): string[] {
  return [
    ...new Set([...action.writes, ...action.reads].map((c) => AWS_ACTION_COMMANDS[c]?.permission ?? c)),
  ].sort();
}

/** The parts of an ARN: arn:partition:service:region:account:resource. */
export function arnOf(
  reference: string,
): { partition: string; service: string; region: string; account: string; resource: string } | null {
  const m = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/.exec(reference);
  if (!m) return null;
  return {
    partition: m[1] as string,
    service: m[2] as string,
    region: m[3] as string,
    account: m[4] ?? '',
    resource: m[5] as string,
  };
}

/** A read that answers null for the codes that mean "not configured". */
export async function readOrAbsent(
  read: AwsRead,
  action: string,
  region: string,
  input: Record<string, unknown>,
  absent: readonly string[],
): Promise<Record<string, unknown> | null> {
  try {
    return await read(action, region, input);
  } catch (e) {
    const codes = errorCodes(e);
    if (absent.some((a) => codes.has(a))) return null;
    throw e;
  }
}

/** The region to call for a finding: its own, or the partition's main region for global resources. */
export function regionOf(region: string): string {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) ? region : 'us-east-1';
}

export function target(
  finding: { com: { account: string; region: string; reference: string; name: string } },
  details: Record<string, string>,
  region?: string,
): ActionTarget {
  return {
    cloud: 'aws',
    account: finding.com.account,
    region: region ?? regionOf(finding.com.region),
    reference: finding.com.reference,
    name: finding.com.name,
    details,
  };
}
