import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.sql_databases_enabled',
  plan: 'SqlServers',
  label: 'Defender for Azure SQL databases',
  protects: 'Azure SQL databases and managed instances',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-sql-introduction',
});
