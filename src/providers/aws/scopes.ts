import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AccountClients } from './clients.js';
import { awsPartition } from './normalisers/aws-common.js';

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

export interface RegionPlan {
  /** regions to scan */
  regions: string[];
  /** configured regions of another partition than the credentials': not scanned, reported */
  foreign: string[];
}

/**
 * Regions to scan: the configured list, or every enabled one, in the credentials' partition
 * only. Commercial credentials never reach cn-* or us-gov-* regions (and an AWS-compatible
 * endpoint may list every partition's regions): discovered ones of another partition are
 * left out, configured ones are returned as `foreign` so the scan says why they were not read.
 */
export async function regionsToScan(
  configured: 'all' | string[],
  clients: AccountClients,
  homeRegion: string,
  partition: string,
): Promise<RegionPlan> {
  const inPartition = (r: string) => awsPartition(r) === partition;
  if (configured === 'all') {
    return { regions: (await enabledRegions(clients, homeRegion)).filter(inPartition), foreign: [] };
  }
  return {
    regions: configured.filter(inPartition),
    foreign: configured.filter((r) => !inPartition(r)),
  };
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
