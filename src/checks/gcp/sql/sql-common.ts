import type { ResourceRecord } from '../../../core/record.js';

/** The Cloud SQL audit log methods that change an instance's settings. */
export const SQL_TRIGGERS = ['cloudsql.instances.create', 'cloudsql.instances.update'];

/** Read replicas follow their primary's settings; CIS judges primaries (instanceType CLOUD_SQL_INSTANCE). */
export const isReplica = (r: ResourceRecord): boolean => r.ext.instance_type === 'READ_REPLICA_INSTANCE';
