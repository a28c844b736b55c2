import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.states.state_machine_xray_tracing',
  title: 'Step Functions state machines have AWS X-Ray tracing',
  severity: 'low',
  resource: 'aws.states.state_machine',
  triggers: [],
  description: 'AWS X-Ray tracing is off for the state machine.',
  risk: 'Executions leave no trace of their path through the services they call, which slows the investigation of failures and abuse.',
  remediation: {
    text: 'Turn on X-Ray tracing for the state machine.',
    cli: 'aws stepfunctions update-state-machine --state-machine-arn <arn> --tracing-configuration enabled=true',
  },
  references: ['https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html'],
  evaluate(machine) {
    const on = extBool(machine, 'tracing_enabled');
    if (on === null) return error(`the state machine could not be read${whyUnknown(machine, 'settings')}`);
    return on ? pass('X-Ray tracing is on') : fail(`${machine.com.name} has X-Ray tracing off`);
  },
});
