import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.open_source_databases_enabled',
  plan: 'OpenSourceRelationalDatabases',
  label: 'Defender for open-source relational databases',
  protects: 'PostgreSQL, MySQL and MariaDB servers',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-databases-introduction',
});
