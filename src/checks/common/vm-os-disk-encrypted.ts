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
    text: 'Encrypt the operating system disk of the virtual machine with a key the owner controls.',
    clouds: {
      aws: {
        text: 'Copy the AMI (or the root volume snapshot) with encryption, launch from it or swap the root volume, and turn on EBS encryption by default so new volumes are encrypted.',
        cli: 'aws ec2 copy-image --source-image-id <ami-id> --source-region <region> --name <name> --encrypted\naws ec2 enable-ebs-encryption-by-default',
      },
      azure: {
        text: 'Enable Azure Disk Encryption, encryption at host, or a disk encryption set with a customer-managed key for the OS disk.',
        cli: 'az vm encryption enable -g <rg> -n <vm> --disk-encryption-keyvault <vault> --volume-type OS',
      },
      gcp: {
        text: 'Compute Engine encrypts every disk; to control the key, create the boot disk with a customer-managed key (CMEK).',
        cli: 'gcloud compute disks create <disk> --zone=<zone> --image=<image> --kms-key=<key-resource-name>',
      },
    },
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
