import { singleServerNormaliser } from './single-server.js';

/** Azure Database for PostgreSQL single server (Microsoft.DBforPostgreSQL/servers). */
export default singleServerNormaliser('azure.postgresql.server', 'postgresql', 'postgres');
