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

  it('maps Entra ID sign-in, audit and risk logs to the one Entra ID reader; recognises PIM without mapping it', () => {
    for (const service of ['signinlogs', 'auditlogs', 'riskdetection', 'SignInLogs'])
      expect(sourceFor({ product: 'azure', service })).toEqual(SOURCES.entraId);
    expect(logsourceMatches({ product: 'azure', service: 'activitylogs' }, SOURCES.entraId)).toBe(false);
    expect(logsourceMatches({ product: 'azure' }, SOURCES.entraId)).toBe(true);
    for (const ls of UNMAPPED_LOGSOURCES) expect(sourceFor(ls)).toBeUndefined();
    expect(UNMAPPED_LOGSOURCES).toContainEqual({ product: 'azure', service: 'pim' });
  });

  it('finds Graph field names in the diagnostic export (under properties) and SigmaHQ column names in both', async () => {
    const { loadRuleText } = await import('../../../src/detect/sigma/loader.js');
    const { RuleSet } = await import('../../../src/detect/sigma/ruleset.js');
    const { rules, errors } = loadRuleText(
      `title: ours
logsource: {product: azure, service: signinlogs}
detection:
  selection: {status.errorCode: 50126, location.countryOrRegion: NL}
  condition: selection
---
title: sigmahq
logsource: {product: azure, service: signinlogs}
detection:
  selection: {ResultType: 50126}
  condition: selection
`,
      'inline.yml',
    );
    expect(errors).toEqual([]);
    const set = new RuleSet(rules, { source: SOURCES.entraId });
    const graph = { createdDateTime: 't', status: { errorCode: 50126 }, location: { countryOrRegion: 'NL' } };
    const diagnostic = {
      time: 't',
      category: 'SignInLogs',
      resultType: '50126',
      location: 'NL',
      properties: graph,
    };
    const titles = (e: unknown) => set.match(e).map((m) => m.rule.meta.title);
    expect(titles(graph)).toEqual(['ours', 'sigmahq']);
    expect(titles(diagnostic)).toEqual(['ours', 'sigmahq']);
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
