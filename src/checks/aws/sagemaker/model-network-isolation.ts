import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.sagemaker.model_network_isolation',
  title: 'SageMaker models run with network isolation',
  severity: 'medium',
  resource: 'aws.sagemaker.model',
  triggers: [],
  description:
    'Network isolation is off for the model: its inference containers can make outbound network calls.',
  risk: 'A compromised or malicious model container can send your inference data anywhere or fetch code at run time.',
  remediation: {
    text: 'Create the model again with network isolation enabled (the setting cannot be changed on an existing model).',
    cli: 'aws sagemaker create-model --model-name <name-v2> --execution-role-arn <role> --primary-container Image=<image>,ModelDataUrl=<s3-uri> --enable-network-isolation',
  },
  references: ['https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html'],
  evaluate(model) {
    const on = extBool(model, 'network_isolation');
    if (on === null) return error(`the model could not be read${whyUnknown(model, 'details')}`);
    return on ? pass('network isolation is on') : fail(`${model.com.name} runs without network isolation`);
  },
});
