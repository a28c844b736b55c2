import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, extNum, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.sagemaker.endpoint_config_multiple_instances',
  title: 'SageMaker endpoint production variants start with more than one instance',
  severity: 'medium',
  resource: 'aws.sagemaker.endpoint_config',
  triggers: [],
  description: 'A production variant of the endpoint configuration starts with a single instance.',
  risk: 'One instance is one Availability Zone: its failure or an instance replacement takes the endpoint down.',
  remediation: {
    text: 'Create a new endpoint configuration whose instance-based variants start with two or more instances, and update the endpoint to it.',
    cli: 'aws sagemaker create-endpoint-config --endpoint-config-name <name-v2> --production-variants VariantName=<variant>,ModelName=<model>,InstanceType=<type>,InitialInstanceCount=2',
  },
  references: ['https://docs.aws.amazon.com/sagemaker/latest/dg/best-practices-availability.html'],
  evaluate(config) {
    const single = extList<string>(config, 'variants_with_one_instance');
    if (single === null)
      return error(`the endpoint configuration could not be read${whyUnknown(config, 'details')}`);
    if (extNum(config, 'instance_variants') === 0) return notApplicable('only serverless variants');
    return single.length === 0
      ? pass('every variant starts with two or more instances')
      : fail(`${config.com.name}: variants ${single.join(', ')} start with one instance`, {
          evidence: { variants: single },
        });
  },
});
