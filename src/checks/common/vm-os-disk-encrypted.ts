import { defineCheck } from '../../core/check.js';
import { error, fail, pass } from '../../core/result.js';
import type { ComputeCom } from '../../core/shapes.js';

export default defineCheck({
  id: 'common.compute.os_disk_encrypted',
  title: 'Virtual machine OS disks are encrypted',
  severity: 'medium',
  resource: 'compute',
  finding_type: 'vm_os_disk_encryption_event',
  triggers: ['RunInstances', 'Microsoft.Compute/virtualMachines/write', 'Microsoft.Compute/disks/write'],
  description:
    'The operating system disk of the virtual machine is not encrypted with a key the owner controls.',
  risk: 'A copied snapshot or disk image exposes the operating system, its credentials and cached data.',
  remediation: {
    text: 'Enable disk encryption for the OS disk: on AWS create the root volume from an encrypted snapshot (and turn on EBS encryption by default); on Azure enable Azure Disk Encryption, encryption at host or a disk encryption set with a customer-managed key.',
    cli: 'aws ec2 enable-ebs-encryption-by-default\naz vm encryption enable -g <rg> -n <vm> --disk-encryption-keyvault <vault> --volume-type OS',
  },
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    'https://learn.microsoft.com/azure/virtual-machines/disk-encryption-overview',
  ],
  evaluate(vm) {
    const c = vm.com as typeof vm.com & Partial<ComputeCom>;
    if (c.os_disk_encrypted === true) return pass('OS disk is encrypted');
    if (c.os_disk_encrypted === false) return fail(`OS disk of ${vm.com.name} is not encrypted`);
    return error('the encryption state of the OS disk could not be read');
  },
});
