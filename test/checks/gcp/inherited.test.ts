import keyDuties from '../../../src/checks/gcp/cloudkms/key-duties-separated.js';
import saDuties from '../../../src/checks/gcp/iam/service-account-duties-separated.js';
import auditLogs from '../../../src/checks/gcp/logging/audit-logs-all-services.js';
import sinkAll from '../../../src/checks/gcp/logging/sink-exports-all-entries.js';
import sinks from '../../../src/providers/gcp/resources/logging-sink.js';
import projectPolicy from '../../../src/providers/gcp/resources/resourcemanager-project-iam-policy.js';
import { checkTester } from '../../helpers/check-tester.js';
import { failedRead, inventory, recordsOf } from './records.js';

/**
 * Settings a project inherits from its folders and organisation (read when they are scanned):
 * audit configs (CIS 2.1), aggregated sinks (2.3) and IAM bindings (separation of duties, 1.8
 * and 1.11). Configured above is compliant; unreadable above is an error, never a pass.
 */

const ORG = 'organizations/123456789012';
const FOLDER = 'folders/345678901234';
const ALL_TYPES = [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }];
const allServices = (auditLogConfigs: unknown[]) => [{ service: 'allServices', auditLogConfigs }];

const project = (
  policy: Record<string, unknown>,
  inherited?: { name: string; policy: Record<string, unknown> }[] | { __error: string },
) =>
  recordsOf(projectPolicy, {
    item: policy,
    ...(inherited === undefined
      ? {}
      : { inheritedPolicies: Array.isArray(inherited) ? { ancestors: inherited } : inherited }),
  });
const denied = failedRead('resourcemanager.organizations.getIamPolicy');

checkTester(auditLogs, {
  pass: [
    {
      name: 'the organisation turns every log type on',
      input: inventory(project({}, [{ name: ORG, policy: { auditConfigs: allServices(ALL_TYPES) } }])),
      message: 'inherited from organizations/123456789012',
    },
    {
      name: 'the project logs admin reads, a folder the data access logs',
      input: inventory(
        project({ auditConfigs: allServices([{ logType: 'ADMIN_READ' }]) }, [
          { name: FOLDER, policy: { auditConfigs: allServices(ALL_TYPES.slice(1)) } },
          { name: ORG, policy: {} },
        ]),
      ),
    },
    {
      name: 'the project itself logs everything, the organisation could not be read',
      input: inventory(project({ auditConfigs: allServices(ALL_TYPES) }, denied)),
    },
  ],
  fail: [
    {
      name: 'neither the project nor the organisation logs data reads',
      input: inventory(
        project({}, [{ name: ORG, policy: { auditConfigs: allServices([{ logType: 'ADMIN_READ' }]) } }]),
      ),
      message: 'does not log DATA_READ, DATA_WRITE',
    },
    {
      name: 'the organisation exempts a member',
      input: inventory(
        project({}, [
          {
            name: ORG,
            policy: {
              auditConfigs: allServices([
                { logType: 'ADMIN_READ' },
                { logType: 'DATA_READ', exemptedMembers: ['user:ops@shop.example'] },
                { logType: 'DATA_WRITE' },
              ]),
            },
          },
        ]),
      ),
      message: 'user:ops@shop.example (on organizations/123456789012)',
    },
  ],
  error: [
    {
      name: 'the project does not log and the organisation policy could not be read',
      input: inventory(project({}, denied)),
      message: 'what it inherits could not be read',
    },
  ],
});

const sink = (name: string, extra: Record<string, unknown> = {}) =>
  recordsOf(sinks, { item: { name, destination: 'storage.googleapis.com/org-archive', ...extra } });
const orgSink = (name: string, extra: Record<string, unknown> = {}) =>
  sink(name, { includeChildren: true, cloudwardInheritedFrom: ORG, ...extra });
const orgSinksDenied = recordsOf(sinks, {
  item: {
    name: ORG,
    cloudwardInheritedFrom: ORG,
    cloudwardReadError: 'PERMISSION_DENIED: logging.sinks.list',
  },
});

checkTester(sinkAll, {
  pass: [
    {
      name: 'an aggregated organisation sink without a filter',
      input: inventory([...sink('_Default', { filter: 'NOT LOG_ID("x")' }), ...orgSink('org-all')]),
      message: 'aggregated sink org-all of organizations/123456789012',
    },
    {
      name: "the project's own sink, the organisation's unreadable",
      input: inventory([...sink('all'), ...orgSinksDenied]),
    },
  ],
  fail: [
    {
      name: 'the organisation sink filters',
      input: inventory(orgSink('org-errors', { filter: 'severity>=ERROR' })),
    },
    { name: 'the organisation sink is disabled', input: inventory(orgSink('org-all', { disabled: true })) },
  ],
  error: [
    {
      name: "no sink of the project's own, the organisation's sinks unreadable",
      input: inventory([...sink('_Default'), ...orgSinksDenied]),
      message: 'could not be read: organizations/123456789012: PERMISSION_DENIED',
    },
    {
      name: 'inherited sinks not collected',
      input: inventory(sink('_Default'), ['gcp.logging.inherited_sink']),
    },
  ],
});

const bindingsPolicy = (...bindings: [string, string][]) => ({
  bindings: bindings.map(([role, member]) => ({ role, members: [member] })),
});
const ALICE = 'user:alice@shop.example';

checkTester(saDuties, {
  pass: [
    {
      name: 'admin at the organisation, user of another member in the project',
      input: inventory(
        project(bindingsPolicy(['roles/iam.serviceAccountUser', 'user:bob@shop.example']), [
          { name: ORG, policy: bindingsPolicy(['roles/iam.serviceAccountAdmin', ALICE]) },
        ]),
      ),
    },
  ],
  fail: [
    {
      name: 'admin granted on the organisation, user on the project',
      input: inventory(
        project(bindingsPolicy(['roles/iam.serviceAccountUser', ALICE]), [
          { name: ORG, policy: bindingsPolicy(['roles/iam.serviceAccountAdmin', ALICE]) },
        ]),
      ),
      message: 'granted on organizations/123456789012',
    },
    {
      name: 'both on a folder',
      input: inventory(
        project({}, [
          {
            name: FOLDER,
            policy: bindingsPolicy(
              ['roles/iam.serviceAccountAdmin', ALICE],
              ['roles/iam.serviceAccountUser', ALICE],
            ),
          },
        ]),
      ),
    },
  ],
  error: [
    {
      name: 'the inherited policies could not be read',
      input: inventory(project(bindingsPolicy(['roles/iam.serviceAccountUser', ALICE]), denied)),
      message: 'the policies it inherits could not be read',
    },
  ],
});

checkTester(keyDuties, {
  pass: [
    {
      name: 'nothing inherited',
      input: inventory(project(bindingsPolicy(['roles/cloudkms.admin', ALICE]), [])),
    },
  ],
  fail: [
    {
      name: 'KMS admin on the organisation, encrypter on the project',
      input: inventory(
        project(bindingsPolicy(['roles/cloudkms.cryptoKeyEncrypterDecrypter', ALICE]), [
          { name: ORG, policy: bindingsPolicy(['roles/cloudkms.admin', ALICE]) },
        ]),
      ),
    },
  ],
  error: [{ name: 'the inherited policies could not be read', input: inventory(project({}, denied)) }],
});
