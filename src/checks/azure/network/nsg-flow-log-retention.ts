import { flowLogRetention } from './flow-log-retention.js';

export default flowLogRetention({
  id: 'azure.network.nsg_flow_log_retention_90_days',
  title: 'NSG flow logs are kept for at least 90 days',
  targets: ['network_security_group'],
  what: 'network security group',
  cli: 'az network watcher flow-log update --location <region> --name <flow log> --retention 90',
  reference: 'https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-manage',
});
