import { defineCheck } from '../../../core/check.js';
import { containerVerdict } from './containers.js';

export default defineCheck({
  id: 'aws.ecs.task_definition_no_credential_variables',
  title: 'ECS container environment variables hold no credentials',
  severity: 'high',
  resource: 'aws.ecs.task_definition',
  triggers: [],
  description:
    'A container of the latest revision of the task definition sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or ECS_ENGINE_AUTH_DATA as a plain environment variable.',
  risk: 'Plain environment variables are readable by anyone who can describe the task definition, and show up in logs and the console.',
  remediation: {
    text: 'Give the task an IAM task role instead of access keys, and pass other secrets with the secrets parameter from Secrets Manager or Parameter Store.',
    cli: 'aws ecs register-task-definition --cli-input-json file://task-definition-with-task-role.json',
  },
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html'],
  evaluate: (def) =>
    containerVerdict(
      def,
      'credential_variables',
      'credentials in environment variables',
      'no credentials in environment variables',
    ),
});
