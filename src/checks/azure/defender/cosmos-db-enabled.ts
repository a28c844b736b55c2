import { defenderPlanEnabled } from './plan-enabled.js';

export default defenderPlanEnabled({
  id: 'azure.defender.cosmos_db_enabled',
  plan: 'CosmosDbs',
  label: 'Defender for Azure Cosmos DB',
  protects: 'Azure Cosmos DB accounts',
  reference: 'https://learn.microsoft.com/azure/defender-for-cloud/concept-defender-for-cosmos',
});
