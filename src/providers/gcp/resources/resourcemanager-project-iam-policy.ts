import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, type Json, records, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector } from '../collector.js';
import { BINDING_TYPE, bindingRecords, POLICY_SHAPE } from '../iam-policy.js';
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

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'resourcemanager',
  produces: [TYPE, BINDING_TYPE],
  raw: S.raw({ item: POLICY_SHAPE }),
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
          audit_exempted_members: records(policy.auditConfigs).flatMap((c) =>
            records(c.auditLogConfigs).flatMap((l) => strings(l.exemptedMembers)),
          ),
        },
        shape: {},
      }),
      ...bindingRecords(policy, resource, scope, TYPE, 'resourcemanager'),
    ];
  },
});

/**
 * A project's IAM policy (`projects.getIamPolicy`, a POST read, policy version 3 so conditional
 * bindings come back whole): its bindings, one record per member and role, and its audit configs.
 */
const collector = defineGcpCollector<Json>({
  type: TYPE,
  api: 'cloudresourcemanager',
  list: {
    permission: 'resourcemanager.projects.getIamPolicy',
    single: (r) =>
      r.post<Json>(r.path('v1/projects/{project}:getIamPolicy'), { options: { requestedPolicyVersion: 3 } }),
  },
});

export default defineGcpResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: { events: { SetIamPolicy: [] } },
});
