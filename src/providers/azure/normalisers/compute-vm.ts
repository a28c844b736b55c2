import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, enrichment, records, str, unknownReasons } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource } from './azure-common.js';

const TYPE = 'azure.compute.vm';
const CUSTOMER_KEY_TYPES = new Set([
  'encryptionatrestwithcustomerkey',
  'encryptionatrestwithplatformandcustomerkeys',
]);

const RAW = S.raw({
  item: armItem(
    {
      vmId: S.str,
      hardwareProfile: S.obj({ vmSize: S.str }),
      storageProfile: S.obj({
        osDisk: S.obj({
          osType: S.str,
          encryptionSettings: S.obj({ enabled: S.bool }),
          managedDisk: S.obj({ id: S.str, diskEncryptionSet: S.obj({ id: S.str }) }),
        }),
      }),
      securityProfile: S.obj({ encryptionAtHost: S.bool }),
      osProfile: S.obj({
        linuxConfiguration: S.obj({
          disablePasswordAuthentication: S.bool,
          patchSettings: S.obj({ assessmentMode: S.str, patchMode: S.str }),
        }),
        windowsConfiguration: S.obj({ patchSettings: S.obj({ assessmentMode: S.str, patchMode: S.str }) }),
      }),
      diagnosticsProfile: S.obj({ bootDiagnostics: S.obj({ enabled: S.bool }) }),
      networkProfile: S.obj({ networkInterfaces: S.list(z.looseObject({ id: S.str })) }),
      instanceView: S.obj({ statuses: S.list(z.looseObject({ code: S.str })) }),
    },
    { identity: S.obj({ type: S.str }) },
  ),
  osDisk: S.answer({
    properties: S.obj({
      encryptionSettingsCollection: S.obj({ enabled: S.bool }),
      encryption: S.obj({ type: S.str }),
    }),
  }),
});

/**
 * A virtual machine ('compute').
 *
 * os_disk_encrypted follows Cloudmarker's vm_os_disk_encryption_event: the OS disk counts as
 * encrypted only when the customer controls the encryption, i.e. Azure Disk Encryption is on
 * (encryptionSettingsCollection.enabled, or the legacy encryptionSettings on the VM model),
 * the disk uses a customer-managed key (encryption.type EncryptionAtRestWithCustomerKey or
 * EncryptionAtRestWithPlatformAndCustomerKeys, or a disk encryption set on the VM model), or
 * encryption at host is on. Azure encrypts every managed disk with a platform key, but
 * platform-key-only is "not encrypted" here. When no VM-side signal is on and the managed
 * disk (`raw.osDisk`) was not read, the fact is null (unknown).
 *
 * periodic_update_assessment: Azure Update Manager checks the VM for missing OS updates every
 * 24 hours (patchSettings.assessmentMode AutomaticByPlatform), what Defender for Cloud's
 * "machines should be configured to periodically check for missing system updates" reads. A
 * VM model without patch settings is on ImageDefault (no periodic check).
 *
 * public_ips is empty: addresses hang off network interfaces, which are not part of this record.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'compute',
  produces: [TYPE, 'compute'],
  raw: RAW,
  normalise(raw, scope) {
    const vm = armResource(raw, TYPE);
    const p = vm.properties;
    const osDiskModel = at(p, 'storageProfile.osDisk');
    const disk = enrichment(raw, 'osDisk');
    const diskProps = disk.state === 'value' ? at(disk.value, 'properties') : undefined;

    const atHost = bool(at(p, 'securityProfile.encryptionAtHost'));
    const vmAde = bool(at(osDiskModel, 'encryptionSettings.enabled'));
    const vmDes = str(at(osDiskModel, 'managedDisk.diskEncryptionSet.id'));
    const diskAde =
      disk.state === 'value' ? bool(at(diskProps, 'encryptionSettingsCollection.enabled')) : null;
    const diskEncType = disk.state === 'value' ? str(at(diskProps, 'encryption.type')) : null;
    const diskCmk = diskEncType === null ? null : CUSTOMER_KEY_TYPES.has(diskEncType.toLowerCase());

    let encrypted: boolean | null;
    if (atHost === true || vmAde === true || vmDes !== null || diskAde === true || diskCmk === true)
      encrypted = true;
    else if (disk.state === 'value') encrypted = false;
    else encrypted = null;

    const patchSettings =
      at(p, 'osProfile.windowsConfiguration.patchSettings') ??
      at(p, 'osProfile.linuxConfiguration.patchSettings');
    const assessmentMode = str(at(patchSettings, 'assessmentMode')) ?? 'ImageDefault';

    const power = records(at(p, 'instanceView.statuses'))
      .map((s) => str(s.code))
      .find((c) => c?.startsWith('PowerState/'));

    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'compute',
        reference: vm.id,
        name: vm.name,
        region: vm.region,
        service: 'compute',
        tags: vm.tags,
        ext: {
          resource_group: vm.resourceGroup,
          vm_id: str(p.vmId),
          vm_size: str(at(p, 'hardwareProfile.vmSize')),
          os_type: str(at(osDiskModel, 'osType')),
          os_disk_id: str(at(osDiskModel, 'managedDisk.id')),
          os_disk_managed: at(osDiskModel, 'managedDisk') !== undefined,
          os_disk_encryption_type: diskEncType,
          disk_encryption_set: vmDes,
          azure_disk_encryption: diskAde ?? vmAde,
          encryption_at_host: atHost,
          os_disk_encrypted: encrypted,
          password_authentication_disabled: bool(
            at(p, 'osProfile.linuxConfiguration.disablePasswordAuthentication'),
          ),
          patch_assessment_mode: assessmentMode,
          periodic_update_assessment: assessmentMode.toLowerCase() === 'automaticbyplatform',
          boot_diagnostics: bool(at(p, 'diagnosticsProfile.bootDiagnostics.enabled')),
          identity_type: str(at(vm.item, 'identity.type')),
          network_interfaces: records(at(p, 'networkProfile.networkInterfaces')).map((n) => str(n.id)),
          unknown_facts: unknownReasons({ osDisk: disk }),
        },
        shape: {
          os_disk_encrypted: encrypted,
          public_ips: [],
          state: power ? power.slice('PowerState/'.length) : null,
        },
      }),
    ];
  },
});
