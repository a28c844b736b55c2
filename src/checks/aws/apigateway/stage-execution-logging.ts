import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { executionLogging } from './execution-logging.js';

export default defineCheck({
  id: 'aws.apigateway.stage_execution_logging',
  title: 'API Gateway REST API stages log execution',
  severity: 'medium',
  resource: 'aws.apigateway.stage',
  triggers: ['UpdateStage', 'CreateStage'],
  description:
    'Execution logging to CloudWatch Logs is off (or below the required level) for a method of the REST API stage.',
  risk: 'Without execution logs, failed authorisations, integration errors and abuse of the API cannot be investigated.',
  remediation: {
    text: 'Set the logging level of every method of the stage to ERROR or INFO (the account needs a CloudWatch Logs role for API Gateway).',
    cli: 'aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
  params: z.object({
    logging_levels: z
      .array(z.enum(['ERROR', 'INFO']))
      .min(1)
      .default(['ERROR', 'INFO']),
  }),
  evaluate: (stage, { logging_levels }) => executionLogging(stage, logging_levels),
});
