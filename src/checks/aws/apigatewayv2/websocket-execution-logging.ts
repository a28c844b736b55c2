import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { notApplicable } from '../../../core/result.js';
import { executionLogging } from '../apigateway/execution-logging.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.apigatewayv2.websocket_execution_logging',
  title: 'API Gateway WebSocket API stages log execution',
  severity: 'medium',
  resource: 'aws.apigatewayv2.stage',
  triggers: ['UpdateStage', 'CreateStage'],
  description:
    'Execution logging to CloudWatch Logs is off (or below the required level) for the WebSocket API stage.',
  risk: 'Without execution logs, failed connections, authorisation errors and abuse of the API cannot be investigated.',
  remediation: {
    text: 'Set the default route logging level of the stage to ERROR or INFO.',
    cli: 'aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> --default-route-settings LoggingLevel=ERROR',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html'],
  params: z.object({
    logging_levels: z
      .array(z.enum(['ERROR', 'INFO']))
      .min(1)
      .default(['ERROR', 'INFO']),
  }),
  evaluate(stage, { logging_levels }) {
    const protocol = extStr(stage, 'protocol');
    if (protocol !== 'WEBSOCKET')
      return notApplicable(`${protocol ?? 'an unknown'} API has no execution logging`);
    return executionLogging(stage, logging_levels);
  },
});
