import {
  ECRClient,
  GetLifecyclePolicyCommand,
  GetRegistryScanningConfigurationCommand,
  LifecyclePolicyNotFoundException,
  paginateDescribeRepositories,
  type Repository,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  enrichment,
  isRecord,
  type Json,
  records,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ecr.repository';

/**
 * ECR private repositories (DescribeRepositories), with the registry's scanning configuration
 * of the region (GetRegistryScanningConfiguration, one call per region shared by every
 * repository): a registry rule covering the repository scans it on push; with basic scanning
 * the repository's own scanOnPush setting does too, with enhanced scanning it is ignored.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'ecr',
  client: ECRClient,
  scope: 'region',
  list: {
    permission: 'ecr:DescribeRepositories',
    paginate: (client) => paginateDescribeRepositories({ client, pageSize: 1000 }, {}),
    items: (page) => page.repositories,
  },
  enrich: {
    registryScanning: {
      permission: 'ecr:GetRegistryScanningConfiguration',
      facts: ['scan_on_push'],
      cacheKey: () => 'registry',
      call: (client) => client.send(new GetRegistryScanningConfigurationCommand({})),
    },
    // ECR has no bulk read of lifecycle policies: one call per repository, only when a check reads it
    lifecyclePolicy: {
      permission: 'ecr:GetLifecyclePolicy',
      facts: ['has_lifecycle_policy'],
      absentOn: [LifecyclePolicyNotFoundException],
      call: (client, r) =>
        client.send(
          new GetLifecyclePolicyCommand({ repositoryName: r.repositoryName, registryId: r.registryId }),
        ),
    },
  },
  getOne: {
    ids: (raw) => itemIds(raw, 'repositoryName', 'repositoryArn'),
    narrow: {
      DescribeRepositoriesCommand: (input, id) => {
        if (id.startsWith('arn:')) return false;
        input.repositoryNames = [id];
        delete input.maxResults; // not allowed together with repositoryNames
        return true;
      },
    },
    absentOn: [RepositoryNotFoundException],
  },
});

const RAW = S.raw({
  item: S.obj({
    repositoryName: S.str,
    repositoryArn: S.str,
    registryId: S.str,
    imageTagMutability: S.str,
    imageScanningConfiguration: S.obj({ scanOnPush: S.bool }),
    encryptionConfiguration: S.obj({ encryptionType: S.str, kmsKey: S.str }),
  }),
  lifecyclePolicy: S.answer({ lifecyclePolicyText: S.str }),
  registryScanning: S.answer({
    scanningConfiguration: S.obj({
      scanType: S.str,
      rules: S.list(
        S.obj({
          scanFrequency: S.str,
          repositoryFilters: S.list(S.obj({ filter: S.str, filterType: S.str })),
        }),
      ),
    }),
  }),
});

/** ECR repository filters are wildcards: `*` stands for any characters, the rest is literal. */
function wildcardMatches(filter: string, name: string): boolean {
  const pattern = filter
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}

function registryScanType(config: Json): string | null {
  return isRecord(config.scanningConfiguration) ? str(config.scanningConfiguration.scanType) : null;
}

/**
 * The registry rule that scans this repository on push (SCAN_ON_PUSH, or CONTINUOUS_SCAN, which
 * also scans every pushed image), or null when no rule covers it.
 */
function registryRuleFor(config: Json, name: string): string | null {
  const scanning = isRecord(config.scanningConfiguration) ? config.scanningConfiguration : {};
  for (const rule of records(scanning.rules)) {
    const frequency = str(rule.scanFrequency);
    if (frequency !== 'SCAN_ON_PUSH' && frequency !== 'CONTINUOUS_SCAN') continue;
    const covered = records(rule.repositoryFilters).some((f) => {
      const filter = str(f.filter);
      return filter !== null && wildcardMatches(filter, name);
    });
    if (covered) return `${str(scanning.scanType) ?? 'registry'} ${frequency}`;
  }
  return null;
}

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ecr',
  produces: [TYPE, 'container_repository'],
  raw: RAW,
  normalise(raw, scope) {
    const r = requireItem<Repository>(raw, TYPE);
    const name = requireString(r, 'repositoryName', TYPE, 'item.repositoryName');
    const arn = requireString(r, 'repositoryArn', TYPE, 'item.repositoryArn');
    const own = bool(isRecord(r.imageScanningConfiguration) ? r.imageScanningConfiguration.scanOnPush : null);
    const registry = enrichment(raw, 'registryScanning');
    const rule = registry.state === 'value' ? registryRuleFor(registry.value, name) : null;
    // a registry rule scans on push whatever the repository says; with enhanced scanning only the
    // registry's rules count, with basic scanning the repository's own setting applies too. An
    // unreadable registry configuration leaves it unknown either way.
    const enhanced = registry.state === 'value' && registryScanType(registry.value) === 'ENHANCED';
    const ownCounts = own === true && !enhanced;
    let scanOnPush: boolean | null = false;
    if (registry.state === 'unknown') scanOnPush = null;
    else if (rule !== null || ownCounts) scanOnPush = true;
    // basic scanning and the repository's own setting missing from the answer
    else if (own === null && !enhanced) scanOnPush = null;
    const scanSource = rule !== null ? `registry rule (${rule})` : ownCounts ? 'repository setting' : null;
    const encryption: Json = isRecord(r.encryptionConfiguration) ? r.encryptionConfiguration : {};
    const lifecycle = enrichment(raw, 'lifecyclePolicy');
    const lifecycleAsked = 'lifecyclePolicy' in raw;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'container_repository',
        reference: arn,
        name,
        service: 'ecr',
        ext: {
          repository_name: name,
          registry_id: str(r.registryId),
          image_tag_mutability: str(r.imageTagMutability),
          scan_on_push: scanOnPush,
          scan_on_push_source: scanSource,
          encryption_type: str(encryption.encryptionType),
          kms_key: str(encryption.kmsKey),
          // not asked (no selected check reads it): null, never "none"
          has_lifecycle_policy: lifecycleAsked
            ? lifecycle.state === 'value'
              ? Boolean(str(lifecycle.value.lifecyclePolicyText))
              : lifecycle.state === 'absent'
                ? false
                : null
            : null,
          unknown_facts: unknownReasons({ registryScanning: registry, lifecyclePolicy: lifecycle }),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: {
      CreateRepository: ['responseElements.repository.repositoryName', 'requestParameters.repositoryName'],
      ...eventsAt(
        [
          'DeleteRepository',
          'PutImageTagMutability',
          'PutImageScanningConfiguration',
          'PutLifecyclePolicy',
          'DeleteLifecyclePolicy',
        ],
        ['requestParameters.repositoryName'],
      ),
    },
  },
  asff: 'AwsEcrRepository',
  // ECR publishes no rate for its read APIs; DescribeRepositories is a low-volume call
  pacing: { rate: 10, burst: 20 },
});
