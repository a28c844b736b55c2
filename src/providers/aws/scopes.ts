import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AccountClients } from './clients.js';

export interface CallerIdentity {
  account: string;
  arn: string;
  partition: string;
}

/** The partition of an ARN (arn:aws-cn:... -> aws-cn); 'aws' when it cannot be read. */
export function partitionOf(arn: string | undefined): string {
  const m = /^arn:(aws[a-z-]*):/.exec(arn ?? '');
  return m?.[1] ?? 'aws';
}

/** Who the credentials belong to (sts:GetCallerIdentity needs no permission). */
export async function callerIdentity(clients: AccountClients, homeRegion: string): Promise<CallerIdentity> {
  const sts = clients.get(STSClient, 'sts', homeRegion);
  const who = await sts.send(new GetCallerIdentityCommand({}));
  if (!who.Account || !/^\d{12}$/.test(who.Account)) {
    throw new Error(`sts:GetCallerIdentity answered without a valid account id (${String(who.Account)})`);
  }
  return { account: who.Account, arn: who.Arn ?? '', partition: partitionOf(who.Arn) };
}

const ENABLED = new Set(['opt-in-not-required', 'opted-in']);

/**
 * The regions enabled for the account: EC2 DescribeRegions (without AllRegions it lists only the
 * enabled ones; the opt-in status is checked too, as AWS-compatible endpoints may list all).
 */
export async function enabledRegions(clients: AccountClients, homeRegion: string): Promise<string[]> {
  const ec2 = clients.get(EC2Client, 'ec2', homeRegion);
  const out = await ec2.send(new DescribeRegionsCommand({}));
  const names = (out.Regions ?? [])
    .filter((r) => r.RegionName && (r.OptInStatus === undefined || ENABLED.has(r.OptInStatus)))
    .map((r) => r.RegionName as string);
  if (names.length === 0) throw new Error('ec2:DescribeRegions answered no enabled region');
  return [...new Set(names)].sort();
}

/** Regions to scan: the configured list, or every enabled one. */
export async function regionsToScan(
  configured: 'all' | string[],
  clients: AccountClients,
  homeRegion: string,
): Promise<string[]> {
  return configured === 'all' ? enabledRegions(clients, homeRegion) : [...configured];
}

/** The region of the home clients: from the environment or profile, else us-east-1. */
export async function resolveHomeRegion(profile?: string): Promise<string> {
  const sts = new STSClient(profile ? { profile } : {});
  try {
    const region = await sts.config.region();
    return region || 'us-east-1';
  } catch {
    return 'us-east-1';
  } finally {
    sts.destroy();
  }
}
