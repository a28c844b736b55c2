import { singleServerNormaliser } from './single-server.js';

/** Azure Database for MySQL single server (Microsoft.DBforMySQL/servers). */
export default singleServerNormaliser('azure.mysql.server', 'mysql', 'mysql');
