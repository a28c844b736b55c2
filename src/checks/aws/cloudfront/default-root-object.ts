import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudfront.default_root_object',
  title: 'CloudFront distributions have a default root object',
  severity: 'high',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['default_root_object'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description:
    'The distribution has no default root object: a request for the root URL goes to the origin as is.',
  risk: "A request for / can return the origin's listing or an error page that reveals what the origin holds.",
  remediation: {
    text: 'Set a default root object (index.html) on the distribution.',
    cli: 'aws cloudfront get-distribution-config --id <id> > dist.json  # set DefaultRootObject, then\naws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html'],
  evaluate(d) {
    const root = extStr(d, 'default_root_object');
    if (root === null)
      return error(`the distribution configuration could not be read${whyUnknown(d, 'config')}`);
    return root !== ''
      ? pass(`default root object ${root}`)
      : fail(`${d.com.name} has no default root object`);
  },
});
