import { defineCheck } from '../../core/check.js';
import type { ResourceRecord } from '../../core/record.js';
import { error, fail, notApplicable, pass } from '../../core/result.js';
import { extStr, whyUnknown } from './facts.js';

/** An AWS managed key named by its alias (`alias/aws/sqs`), as services report their default key. */
export const isAwsManagedAlias = (key: string): boolean => /(^|:)alias\/aws\//.test(key);

/**
 * A resource encrypted with a customer managed KMS key rather than the service's AWS managed
 * key: one check per resource type. `encrypted` says whether the resource is encrypted with KMS
 * at all (null: could not be read); an unencrypted resource is the encryption check's failure.
 */
export function customerKeyCheck(c: {
  id: string;
  resource: string;
  what: string;
  encrypted: (r: ResourceRecord) => boolean | null;
  keyFact: string;
  unknownKey: string;
  cli: string;
  reference: string;
}) {
  return defineCheck({
    id: c.id,
    title: `${c.what} are encrypted with a customer managed KMS key`,
    severity: 'low',
    resource: c.resource,
    triggers: [],
    description: `The resource is encrypted with the service's AWS managed key (or the default key), not a customer managed one.`,
    risk: 'Access to the key cannot be limited by a key policy you write, nor the key disabled or rotated on your schedule; the data is as open as the service allows.',
    remediation: {
      text: 'Encrypt with a customer managed KMS key whose key policy names the principals that need it.',
      cli: c.cli,
    },
    references: [c.reference],
    evaluate(r) {
      const encrypted = c.encrypted(r);
      if (encrypted === null)
        return error(`the encryption settings could not be read${whyUnknown(r, c.unknownKey)}`);
      if (!encrypted) return notApplicable('not encrypted with KMS at all (the encryption check reports it)');
      const key = extStr(r, c.keyFact);
      if (key === null || isAwsManagedAlias(key))
        return fail(`${r.com.name} uses ${key ?? 'the default AWS managed key'}`);
      return pass(`encrypted with ${key}`);
    },
  });
}
