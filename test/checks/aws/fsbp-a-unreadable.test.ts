import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { resolveParams } from '../../../src/core/check.js';
import { evaluateAccount } from '../../../src/core/engine.js';
import { NORMALISERS_REGISTRY } from '../../../src/providers/normalisers.js';

/**
 * The FSBP checks of the network, edge and API services on a resource type whose collection
 * failed in a region report `error` there with the collector's reason, never pass or fail: the
 * engine's rule, checked for each of them (their own unreadable-fact cases are in their tests).
 */
const SERVICES =
  /^aws\.(ec2|elb|elbv2|cloudfront|apigateway|apigatewayv2|acm|wafv2|autoscaling|network_firewall)\./;
const checks = ALL_CHECKS.filter((c) => SERVICES.test(c.id) && c.kind === 'resource');

describe('a failed collection makes every check of its type report error', () => {
  it('covers the checks of these services', () => expect(checks.length).toBeGreaterThan(50));
  for (const check of checks) {
    it(check.id, () => {
      const type = check.uses[0] as string;
      const out = evaluateAccount(
        {
          cloud: 'aws',
          account: '111122223333',
          collections: [
            {
              cloud: 'aws',
              account: '111122223333',
              region: 'eu-west-1',
              type,
              error: `${type}: AccessDenied: not authorized`,
            },
          ],
        },
        {
          normalisers: NORMALISERS_REGISTRY,
          checks: [check],
          params: new Map([[check.id, resolveParams(check, undefined)]]),
          wholeAccount: true,
        },
        { auditKey: 'a', auditVersion: 'v', now: '2026-01-01T00:00:00.000Z', compliance: new Map() },
        new Set(),
      );
      const rows = out.outcomes.map((o) => o.row);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.status).toBe('error');
        expect(row.message).toContain('AccessDenied');
      }
    });
  }
});
