import { flowLogRetention } from './flow-log-retention.js';

export default flowLogRetention({
  id: 'azure.network.vnet_flow_log_retention_90_days',
  title: 'Virtual network flow logs are kept for at least 90 days',
  targets: ['virtual_network', 'subnet', 'network_interface'],
  what: 'virtual network',
  cli: 'az network watcher flow-log update --location <region> --name <flow log> --retention 90',
  reference: 'https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-manage',
});
