import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { bool, buildRecord, type Json, records, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector } from '../collector.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.accessapproval.settings';

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'accessapproval',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({
      name: S.str,
      enrolledServices: S.list(z.looseObject({ cloudProduct: S.str, enrollmentLevel: S.str })),
      notificationEmails: S.strs,
      enrolledAncestor: S.bool,
    }),
  }),
  normalise(raw, scope) {
    // null: Access Approval was never set up for the project (404), or its API is off
    const s = (raw.item ?? null) as Json | null;
    const services = records(s?.enrolledServices)
      .map((e) => str(e.cloudProduct))
      .filter((p): p is string => p !== null);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: `//accessapproval.googleapis.com/projects/${scope.account}/accessApprovalSettings`,
        name: `Access Approval of ${scope.account}`,
        region: 'global',
        service: 'accessapproval',
        ext: {
          configured: s !== null,
          enrolled_services: services,
          enrolled_ancestor: bool(s?.enrolledAncestor) ?? false,
        },
        shape: {},
      }),
    ];
  },
});

/**
 * The project's Access Approval settings. Never set up answers 404 and an API that is not
 * enabled means it is not in use: both are "not configured" (the control then fails), not errors.
 */
const collector = defineGcpCollector<Json>({
  type: TYPE,
  api: 'accessapproval',
  list: {
    permission: 'accessapproval.settings.get',
    single: (r) => r.get<Json>(r.path('v1/projects/{project}/accessApprovalSettings')),
    absentOn: ['absent', 'disabled'],
  },
});

export default defineGcpResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: {
    events: {
      'google.cloud.accessapproval.v1.AccessApproval.UpdateAccessApprovalSettings': [],
      'google.cloud.accessapproval.v1.AccessApproval.DeleteAccessApprovalSettings': [],
    },
  },
});
