import { z } from 'zod';
import { at, records, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/** An Azure Bastion host: its state and the virtual networks it serves (from its subnets). */
export const bastionHost = defineArmNormaliser({
  type: 'azure.network.bastion_host',
  service: 'network',
  properties: {
    provisioningState: S.str,
    dnsName: S.str,
    ipConfigurations: S.list(z.looseObject({ properties: S.obj({ subnet: S.obj({ id: S.str }) }) })),
  },
  ext: (p) => ({
    provisioning_state: str(p.provisioningState),
    dns_name: str(p.dnsName),
    virtual_networks: records(p.ipConfigurations)
      .map((c) => str(at(c, 'properties.subnet.id'))?.replace(/\/subnets\/[^/]+$/i, ''))
      .filter((v): v is string => typeof v === 'string'),
  }),
});
