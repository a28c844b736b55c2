import { defineCheck } from '../../../core/check.js';
import { containerVerdict } from './containers.js';

export default defineCheck({
  id: 'aws.ecs.task_definition_logging_configured',
  title: 'ECS task definitions configure logging for every container',
  severity: 'high',
  resource: 'aws.ecs.task_definition',
  triggers: [],
  description: 'A container of the latest revision of the task definition has no log configuration.',
  risk: "The container's output is lost when the task stops: failures and attacks leave no trace to investigate.",
  remediation: {
    text: 'Add a logConfiguration (awslogs, awsfirelens or another driver) to every container and register a new revision.',
    cli: 'aws ecs register-task-definition --cli-input-json file://task-definition-with-logging.json',
  },
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html'],
  evaluate: (def) =>
    containerVerdict(def, 'containers_without_logging', 'containers without logging', 'every container logs'),
});
