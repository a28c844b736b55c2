import type { AnyCheck } from '../../core/check.js';
import bigqueryDatasetDefaultCmek from './bigquery/dataset-default-cmek.js';
import bigqueryDatasetNotPublic from './bigquery/dataset-not-public.js';
import bigqueryTableCmek from './bigquery/table-cmek.js';
import computeFirewallNoRdpFromInternet from './compute/firewall-no-rdp-from-internet.js';
import computeFirewallNoSshFromInternet from './compute/firewall-no-ssh-from-internet.js';
import computeInstanceBlocksProjectSshKeys from './compute/instance-blocks-project-ssh-keys.js';
import computeInstanceConfidentialComputing from './compute/instance-confidential-computing.js';
import computeInstanceDefaultSaNoFullAccess from './compute/instance-default-sa-no-full-access.js';
import computeInstanceDisksCsek from './compute/instance-disks-csek.js';
import computeInstanceNoDefaultServiceAccount from './compute/instance-no-default-service-account.js';
import computeInstanceNoIpForwarding from './compute/instance-no-ip-forwarding.js';
import computeInstanceNoPublicIp from './compute/instance-no-public-ip.js';
import computeInstanceOsLogin from './compute/instance-os-login-not-disabled.js';
import computeInstanceSerialPortDisabled from './compute/instance-serial-port-disabled.js';
import computeInstanceShieldedVm from './compute/instance-shielded-vm.js';
import computeNoDefaultNetwork from './compute/no-default-network.js';
import computeNoLegacyNetwork from './compute/no-legacy-network.js';
import computeProjectOsLogin from './compute/project-os-login.js';
import computeSubnetFlowLogs from './compute/subnet-flow-logs.js';
import computeSubnetPrivateGoogleAccess from './compute/subnet-private-google-access.js';
import computeTargetProxyStrongTls from './compute/target-proxy-strong-tls.js';
import dataprocClusterCmek from './dataproc/cluster-cmek.js';
import dnsZoneDnssecEnabled from './dns/zone-dnssec-enabled.js';
import dnsZoneKskNotRsasha1 from './dns/zone-ksk-not-rsasha1.js';
import dnsZoneZskNotRsasha1 from './dns/zone-zsk-not-rsasha1.js';
import { SQL_FLAG_CHECKS } from './sql/database-flags.js';
import sqlInstanceBackups from './sql/instance-backups.js';
import sqlInstanceNoOpenAuthorizedNetworks from './sql/instance-no-open-authorized-networks.js';
import sqlInstanceNoPublicIp from './sql/instance-no-public-ip.js';
import sqlInstanceSslRequired from './sql/instance-ssl-required.js';
import storageBucketNotPublic from './storage/bucket-not-public.js';
import storageBucketUniformAccess from './storage/bucket-uniform-access.js';

/** Every Google Cloud check, by service. Add a new GCP check's import here. */
export const GCP_CHECKS: AnyCheck[] = [
  computeFirewallNoSshFromInternet,
  computeFirewallNoRdpFromInternet,
  computeNoDefaultNetwork,
  computeNoLegacyNetwork,
  computeSubnetFlowLogs,
  computeSubnetPrivateGoogleAccess,
  computeInstanceNoDefaultServiceAccount,
  computeInstanceDefaultSaNoFullAccess,
  computeInstanceBlocksProjectSshKeys,
  computeProjectOsLogin,
  computeInstanceOsLogin,
  computeInstanceSerialPortDisabled,
  computeInstanceNoIpForwarding,
  computeInstanceDisksCsek,
  computeInstanceShieldedVm,
  computeInstanceNoPublicIp,
  computeInstanceConfidentialComputing,
  computeTargetProxyStrongTls,
  dnsZoneDnssecEnabled,
  dnsZoneKskNotRsasha1,
  dnsZoneZskNotRsasha1,
  storageBucketNotPublic,
  storageBucketUniformAccess,
  sqlInstanceSslRequired,
  sqlInstanceNoOpenAuthorizedNetworks,
  sqlInstanceNoPublicIp,
  sqlInstanceBackups,
  ...SQL_FLAG_CHECKS,
  bigqueryDatasetNotPublic,
  bigqueryTableCmek,
  bigqueryDatasetDefaultCmek,
  dataprocClusterCmek,
];
