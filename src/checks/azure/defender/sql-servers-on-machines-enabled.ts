import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.sql_servers_on_machines_enabled',
  plan: 'SqlServerVirtualMachines',
  label: 'Defender for SQL servers on machines',
  protects: 'SQL Server on virtual machines',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-sql-usage',
});
