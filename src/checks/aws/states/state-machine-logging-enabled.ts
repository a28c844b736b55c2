import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

const LEVELS = ['OFF', 'FATAL', 'ERROR', 'ALL'] as const;

export default defineCheck({
  id: 'aws.states.state_machine_logging_enabled',
  title: 'Step Functions state machines log their executions',
  severity: 'medium',
  resource: 'aws.states.state_machine',
  triggers: [],
  description:
    'Execution logging to CloudWatch Logs is off for the state machine (or below the required level).',
  risk: 'Failed and unexpected executions of the workflow leave no record to investigate or alert on.',
  remediation: {
    text: 'Turn on logging to a CloudWatch Logs log group at level ERROR or ALL.',
    cli: 'aws stepfunctions update-state-machine --state-machine-arn <arn> --logging-configuration \'{"level":"ERROR","includeExecutionData":false,"destinations":[{"cloudWatchLogsLogGroup":{"logGroupArn":"<log-group-arn>"}}]}\'',
  },
  references: ['https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html'],
  params: z.object({ min_level: z.enum(['FATAL', 'ERROR', 'ALL']).default('FATAL') }),
  evaluate(machine, { min_level }) {
    const level = extStr(machine, 'log_level');
    if (level === null) return error(`the state machine could not be read${whyUnknown(machine, 'settings')}`);
    const rank = LEVELS.indexOf(level as (typeof LEVELS)[number]);
    if (rank < 0) return error(`unknown log level ${level}`);
    if (rank >= LEVELS.indexOf(min_level)) return pass(`logs at level ${level}`);
    return fail(`${machine.com.name} logs at level ${level}`, { evidence: { log_level: level, min_level } });
  },
});
