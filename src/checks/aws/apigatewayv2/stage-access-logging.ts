import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.apigatewayv2.stage_access_logging',
  title: 'API Gateway HTTP and WebSocket API stages write access logs',
  severity: 'medium',
  resource: 'aws.apigatewayv2.stage',
  triggers: ['UpdateStage', 'CreateStage'],
  description: 'Access logging is not configured for the HTTP or WebSocket API stage.',
  risk: 'Without access logs there is no record of who called the API, from where and with what result.',
  remediation: {
    text: 'Configure access logging to a CloudWatch Logs log group with a format that includes the caller and the request id.',
    cli: "aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> --access-log-settings DestinationArn=<log-group-arn>,Format='$context.requestId $context.identity.sourceIp $context.routeKey $context.status'",
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html'],
  evaluate(stage) {
    const destination = extStr(stage, 'access_log_destination');
    return destination
      ? pass(`access logs go to ${destination}`)
      : fail(`${stage.com.name} writes no access logs`);
  },
});
