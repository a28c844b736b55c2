/** AWS partition of a region: ARNs in China and GovCloud do not start with arn:aws. */
export function awsPartition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

export function awsArn(service: string, region: string, account: string, resource: string): string {
  // global services (region 'global') carry no region in the ARN and take the commercial partition
  const r = region === 'global' ? '' : region;
  return `arn:${awsPartition(region)}:${service}:${r}:${account}:${resource}`;
}
