import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

interface Cached {
  method: string;
  encrypted: boolean;
}

export default defineCheck({
  id: 'aws.apigateway.stage_cache_encrypted',
  title: 'API Gateway REST API cache data is encrypted at rest',
  severity: 'medium',
  resource: 'aws.apigateway.stage',
  triggers: ['UpdateStage'],
  description: 'A method of the REST API stage caches responses without encrypting the cache data.',
  risk: 'Cached responses can hold personal data and tokens; unencrypted they sit in the cache cluster readable to anyone who gets at its storage.',
  remediation: {
    text: 'Turn on cache data encryption for every method that caches.',
    cli: 'aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/caching/dataEncrypted,value=true',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html'],
  evaluate(stage) {
    const cached = extList<Cached>(stage, 'cached_methods');
    if (cached === null) return error('the stage method settings could not be read');
    if (cached.length === 0) return notApplicable('no method of the stage caches responses');
    const plain = cached.filter((c) => !c.encrypted);
    return plain.length === 0
      ? pass('every cached method encrypts its cache data')
      : fail(`${stage.com.name}: cache data of ${plain.map((c) => c.method).join(', ')} is not encrypted`);
  },
});
