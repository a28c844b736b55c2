import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
  paginateListClusters,
  paginateListServices,
  paginateListTaskDefinitions,
} from '@aws-sdk/client-ecs';
import type { CollectContext } from '../collector.js';
import { chunks } from './pages.js';

/**
 * The ECS reads shared by the cluster, service and task definition types: list calls give ARNs
 * only, so the details come from the batch Describe calls (100 clusters, 10 services a call);
 * task definitions have no batch read, so only the latest active revision of each family is
 * described.
 */

/** Every cluster ARN of the region, listed once per scope for both the cluster and service types. */
export function clusterArns(client: ECSClient, ctx: CollectContext): Promise<string[]> {
  return ctx.memo('ecs:ListClusters', async () => {
    const arns: string[] = [];
    for await (const page of paginateListClusters({ client, pageSize: 100 }, {}))
      arns.push(...(page.clusterArns ?? []));
    return arns;
  });
}

export async function describeClusters(client: ECSClient, ctx: CollectContext): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const batch of chunks(await clusterArns(client, ctx), 100)) {
    const answer = await client.send(new DescribeClustersCommand({ clusters: batch, include: ['SETTINGS'] }));
    out.push(...(answer.clusters ?? []));
  }
  return out;
}

export async function describeServices(client: ECSClient, ctx: CollectContext): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const cluster of await clusterArns(client, ctx)) {
    const arns: string[] = [];
    for await (const page of paginateListServices({ client, pageSize: 100 }, { cluster }))
      arns.push(...(page.serviceArns ?? []));
    for (const batch of chunks(arns, 10)) {
      const answer = await client.send(new DescribeServicesCommand({ cluster, services: batch }));
      out.push(...(answer.services ?? []));
    }
  }
  return out;
}

/** `arn:...:task-definition/web:12` -> ['web', 12] */
export function familyRevision(arn: string): [string, number] | null {
  const m = /task-definition\/([^:/]+):(\d+)$/.exec(arn);
  return m ? [m[1] as string, Number(m[2])] : null;
}

/** The ARN of the latest ACTIVE revision of each task definition family. */
export async function latestTaskDefinitions(client: ECSClient): Promise<{ taskDefinitionArn: string }[]> {
  const latest = new Map<string, [number, string]>();
  for await (const page of paginateListTaskDefinitions({ client, pageSize: 100 }, { status: 'ACTIVE' })) {
    for (const arn of page.taskDefinitionArns ?? []) {
      const fr = familyRevision(arn);
      if (!fr) continue;
      const seen = latest.get(fr[0]);
      if (!seen || fr[1] > seen[0]) latest.set(fr[0], [fr[1], arn]);
    }
  }
  return [...latest.values()].map(([, taskDefinitionArn]) => ({ taskDefinitionArn }));
}

/** The value that replaces environment variable values, which may be credentials. */
export const NOT_KEPT = '(value not kept)';

/**
 * One task definition. Environment variable values are dropped before the answer is kept: they
 * may be credentials (which is what the checks look for, by name), and secrets never reach the
 * store, reports or snapshots.
 */
export async function describeTaskDefinition(client: ECSClient, arn: string) {
  const answer = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
  for (const c of answer.taskDefinition?.containerDefinitions ?? [])
    for (const e of c.environment ?? []) if (e.value !== undefined) e.value = NOT_KEPT;
  return answer;
}
