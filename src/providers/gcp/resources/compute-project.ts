import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt } from '../../kit/resource.js';
import { at, buildRecord, requireItem, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector } from '../collector.js';
import { COMPUTE_API } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';
import { metadataValue, readProjectMetadata, truthy } from './compute-metadata.js';

const TYPE = 'gcp.compute.project';

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    id: S.str,
    selfLink: S.str,
    commonInstanceMetadata: S.obj({ items: S.list(z.looseObject({ key: S.str, value: S.str })) }),
    xpnProjectStatus: S.str,
  }),
});

/**
 * A project's Compute Engine settings: its project-wide instance metadata. A key that is not
 * set reads as off (false), as the guest environment treats it.
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'compute',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const p = requireItem(raw, TYPE);
    const name = str(p.name) ?? scope.account;
    const metadata = at(p, 'commonInstanceMetadata');
    const flag = (key: string) => truthy(metadataValue(metadata, key)) ?? false;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'project_settings',
        reference: str(p.selfLink) ?? `${COMPUTE_API}/projects/${name}`,
        name,
        region: 'global',
        service: 'compute',
        ext: {
          project_id: name,
          os_login: flag('enable-oslogin'),
          os_login_2fa: flag('enable-oslogin-2fa'),
          serial_port_enabled: flag('serial-port-enable'),
          block_project_ssh_keys: flag('block-project-ssh-keys'),
          shared_vpc: str(p.xpnProjectStatus),
        },
        shape: {},
      }),
    ];
  },
});

/** The project's compute settings: one read (compute.projects.get), shared with the instances' collector. */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'compute',
  list: { permission: 'compute.projects.get', single: (r, ctx) => readProjectMetadata(r, ctx) },
});

export default defineGcpResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: {
    events: eventsAt(
      ['v1.compute.projects.setCommonInstanceMetadata', 'beta.compute.projects.setCommonInstanceMetadata'],
      [],
    ),
  },
});
