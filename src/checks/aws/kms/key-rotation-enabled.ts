import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.kms.key_rotation_enabled',
  title: 'Customer managed symmetric KMS keys rotate automatically',
  severity: 'medium',
  resource: 'aws.kms.key',
  triggers: [],
  description: 'Automatic rotation of the key material is off for an enabled customer managed symmetric key.',
  risk: 'Key material that never changes protects ever more data; if it is ever exposed, everything encrypted under it, past and future, is exposed.',
  remediation: {
    text: 'Enable automatic rotation on the key (yearly by default, or a period from 90 to 2560 days).',
    cli: 'aws kms enable-key-rotation --key-id <key-id>',
  },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
  evaluate(key) {
    const manager = extStr(key, 'key_manager');
    if (manager === null) return error(`the key metadata could not be read${whyUnknown(key, 'metadata')}`);
    if (manager !== 'CUSTOMER') return notApplicable('AWS managed keys rotate by themselves');
    const spec = extStr(key, 'key_spec');
    if (spec !== 'SYMMETRIC_DEFAULT')
      return notApplicable(`${spec ?? 'this'} keys cannot rotate automatically`);
    const state = extStr(key, 'key_state');
    if (state !== 'Enabled') return notApplicable(`the key is ${state ?? 'not enabled'}`);
    if (extStr(key, 'origin') !== 'AWS_KMS')
      return notApplicable('keys with imported or external material rotate by hand');
    if (extBool(key, 'rotation_supported') === false)
      return notApplicable('KMS does not support rotation for this key');
    const on = extBool(key, 'rotation_enabled');
    if (on === null) return error(`the rotation status could not be read${whyUnknown(key, 'rotation')}`);
    return on ? pass('automatic rotation is on') : fail(`key ${key.com.name} does not rotate automatically`);
  },
});
