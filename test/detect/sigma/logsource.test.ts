import { describe, expect, it } from 'vitest';
import {
  logsourceMatches,
  SOURCES,
  sourceFor,
  UNMAPPED_LOGSOURCES,
} from '../../../src/detect/sigma/logsource.js';

describe('logsource mapping', () => {
  it('maps the SigmaHQ cloud logsources to Cloudward sources', () => {
    expect(sourceFor({ product: 'aws', service: 'cloudtrail' })).toEqual(SOURCES.cloudtrail);
    expect(sourceFor({ product: 'azure', service: 'activitylogs' })).toEqual(SOURCES.azureActivity);
    expect(sourceFor({ product: 'gcp', service: 'gcp.audit' })).toEqual(SOURCES.gcpAudit);
    expect(sourceFor({ product: 'aws', service: 'vpcflow' })).toEqual(SOURCES.vpcflow);
  });

  it('recognises Azure sign-in and audit logs without mapping them', () => {
    for (const ls of UNMAPPED_LOGSOURCES) expect(sourceFor(ls)).toBeUndefined();
    expect(UNMAPPED_LOGSOURCES).toContainEqual({ product: 'azure', service: 'signinlogs' });
    expect(UNMAPPED_LOGSOURCES).toContainEqual({ product: 'azure', service: 'auditlogs' });
  });

  it('requires every attribute the rule sets to agree', () => {
    const trail = SOURCES.cloudtrail;
    expect(logsourceMatches({ product: 'aws', service: 'cloudtrail' }, trail)).toBe(true);
    expect(logsourceMatches({ product: 'AWS', service: 'CloudTrail' }, trail)).toBe(true);
    expect(logsourceMatches({ product: 'aws' }, trail)).toBe(true);
    expect(logsourceMatches({ service: 'cloudtrail' }, trail)).toBe(true);
    expect(logsourceMatches({ product: 'aws', service: 'vpcflow' }, trail)).toBe(false);
    expect(logsourceMatches({ product: 'azure', service: 'cloudtrail' }, trail)).toBe(false);
    expect(logsourceMatches({ product: 'aws', category: 'process_creation' }, trail)).toBe(false);
    expect(logsourceMatches({ product: 'azure', service: 'signinlogs' }, SOURCES.azureActivity)).toBe(false);
    expect(logsourceMatches({ product: 'gcp', service: 'gcp.audit' }, SOURCES.gcpAudit)).toBe(true);
  });
});
