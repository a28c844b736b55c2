import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, enrichment, type Json, records, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { ancestorRead, ancestorsOf } from '../ancestry.js';
import { type ApiReader, defineGcpCollector, type GcpCollectContext } from '../collector.js';
import { BINDING_TYPE, bindingRecords, bindingsOf, POLICY_SHAPE } from '../iam-policy.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.resourcemanager.project_iam_policy';

/** The audit log types of a service's config, with the members exempted from each. */
function auditLogTypes(policy: Json, service: string): { log_types: string[]; exempted: string[] } | null {
  const config = records(policy.auditConfigs).find((c) => str(c.service) === service);
  if (!config) return null;
  const cfgs = records(config.auditLogConfigs);
  return {
    log_types: cfgs.map((c) => str(c.logType)).filter((t): t is string => t !== null),
    exempted: cfgs.flatMap((c) => strings(c.exemptedMembers)),
  };
}

/** Every exempted member of a policy's audit configs. */
const exemptedOf = (policy: Json) =>
  records(policy.auditConfigs).flatMap((c) =>
    records(c.auditLogConfigs).flatMap((l) => strings(l.exemptedMembers)),
  );

/**
 * What the project inherits from its folders and organisation (read when they are scanned):
 * `inherited_from` their names, `inherited_audit_log_types` the log types they turn on for
 * allServices, `inherited_exempted_members` who they exempt, `inherited_bindings` their bindings
 * (member, role, where). `inherited_error`: why they could not be read (then unknown, never
 * compliant); null when read.
 */
function inheritedFacts(raw: Json): Record<string, unknown> {
  const answer = enrichment(raw, 'inheritedPolicies');
  if (answer.state === 'unknown')
    return {
      inherited_error: raw.inheritedPolicies === undefined ? null : answer.reason,
      inherited_from: [],
      inherited_audit_log_types: [],
      inherited_exempted_members: [],
      inherited_bindings: [],
    };
  const ancestors = answer.state === 'value' ? records(answer.value.ancestors) : [];
  return {
    inherited_error: null,
    inherited_from: ancestors.map((a) => str(a.name)).filter((n): n is string => n !== null),
    inherited_audit_log_types: [
      ...new Set(
        ancestors.flatMap((a) => auditLogTypes((a.policy ?? {}) as Json, 'allServices')?.log_types ?? []),
      ),
    ],
    inherited_exempted_members: ancestors.flatMap((a) =>
      exemptedOf((a.policy ?? {}) as Json).map((member) => ({ member, set_on: str(a.name) })),
    ),
    inherited_bindings: ancestors.flatMap((a) =>
      bindingsOf(a.policy).map((b) => ({
        member: b.member,
        role: b.role,
        condition: b.condition,
        set_on: str(a.name),
      })),
    ),
  };
}

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'resourcemanager',
  produces: [TYPE, BINDING_TYPE],
  raw: S.raw({
    item: POLICY_SHAPE,
    inheritedPolicies: S.answer({ ancestors: S.list(z.looseObject({ name: S.str, policy: POLICY_SHAPE })) }),
  }),
  normalise(raw, scope) {
    const policy = (raw.item ?? {}) as Json;
    const resource = {
      reference: `//cloudresourcemanager.googleapis.com/projects/${scope.account}`,
      name: scope.account,
      kind: 'project',
    };
    const services = records(policy.auditConfigs)
      .map((c) => str(c.service))
      .filter((s): s is string => s !== null);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: resource.reference,
        name: `IAM policy of ${scope.account}`,
        region: 'global',
        service: 'resourcemanager',
        ext: {
          binding_count: records(policy.bindings).length,
          // the Data Access audit logs of every service, and of each service configured apart
          audit_all_services: auditLogTypes(policy, 'allServices'),
          audit_services: services.filter((s) => s !== 'allServices'),
          audit_exempted_members: exemptedOf(policy),
          ...inheritedFacts(raw),
        },
        shape: {},
      }),
      ...bindingRecords(policy, resource, scope, TYPE, 'resourcemanager'),
    ];
  },
});

const POLICY_OPTIONS = { options: { requestedPolicyVersion: 3 } };

/**
 * The IAM policies of the folders and organisation above the project (Resource Manager v3
 * `getIamPolicy`, POST reads), each read once per scan; none unless they are scanned.
 */
async function inheritedPolicies(r: ApiReader, ctx: GcpCollectContext): Promise<Json> {
  const names = await ancestorsOf(ctx);
  const ancestors = await Promise.all(
    names.map(async (name) => ({
      name,
      policy: await ancestorRead(ctx, `iam:${name}`, () =>
        r.post<Json>(`v3/${name}:getIamPolicy`, POLICY_OPTIONS),
      ),
    })),
  );
  return { ancestors };
}

/**
 * A project's IAM policy (`projects.getIamPolicy`, a POST read, policy version 3 so conditional
 * bindings come back whole): its bindings, one record per member and role, and its audit configs;
 * with what it inherits from its folders and organisation when they are scanned.
 */
const collector = defineGcpCollector<Json>({
  type: TYPE,
  api: 'cloudresourcemanager',
  list: {
    permission: 'resourcemanager.projects.getIamPolicy',
    single: (r) => r.post<Json>(r.path('v1/projects/{project}:getIamPolicy'), POLICY_OPTIONS),
  },
  enrich: {
    inheritedPolicies: {
      permission: 'resourcemanager.organizations.getIamPolicy',
      alsoCalls: ['resourcemanager.folders.getIamPolicy', 'resourcemanager.folders.get'],
      call: (r, _item, ctx) => inheritedPolicies(r, ctx),
    },
  },
});

export default defineGcpResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: { events: { SetIamPolicy: [] } },
});
