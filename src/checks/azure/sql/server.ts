export const SQL_SERVER = 'azure.sql.server';

export const SQL_DOCS = 'https://learn.microsoft.com/azure/azure-sql/database/';

/** Activity Log operations that change an Azure SQL server's settings. */
export const SQL_SERVER_WRITES = ['Microsoft.Sql/servers/write'];
