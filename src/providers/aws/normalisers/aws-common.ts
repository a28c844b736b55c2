import { partition } from '@aws-sdk/core/client';

/**
 * The AWS partition of a region (aws, aws-cn, aws-us-gov, aws-iso...), from the SDK's own
 * partition table: ARNs in China and GovCloud do not start with arn:aws. A name no partition
 * claims (and 'global') is the commercial partition.
 */
export function awsPartition(region: string): string {
  return partition(region).name;
}

/**
 * An ARN in the partition of the credentials that read it (`partition`, from the collection's
 * scope) or, when that is not known (an old snapshot), of the region; global resources (region
 * 'global') carry no region in the ARN.
 */
export function awsArn(
  service: string,
  region: string,
  account: string,
  resource: string,
  partition?: string,
): string {
  const r = region === 'global' ? '' : region;
  return `arn:${partition ?? awsPartition(region)}:${service}:${r}:${account}:${resource}`;
}

/**
 * The name of a setting of an account (`IAM password policy (111122223333)`) or of a region of
 * an account (`GuardDuty (111122223333, eu-west-1)`): the same setting in two accounts or two
 * regions never reads the same.
 */
export function settingName(setting: string, scope: { account: string; region: string }): string {
  return scope.region === 'global'
    ? `${setting} (${scope.account})`
    : `${setting} (${scope.account}, ${scope.region})`;
}
