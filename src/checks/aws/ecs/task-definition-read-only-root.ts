import { defineCheck } from '../../../core/check.js';
import { containerVerdict } from './containers.js';

export default defineCheck({
  id: 'aws.ecs.task_definition_read_only_root',
  title: 'ECS containers have read-only root file systems',
  severity: 'high',
  resource: 'aws.ecs.task_definition',
  triggers: [],
  description: 'A container of the latest revision of the task definition can write to its root file system.',
  risk: 'An intruder can change binaries and configuration inside the container and leave tools behind.',
  remediation: {
    text: 'Set readonlyRootFilesystem: true on every container (mount volumes for the paths it must write) and register a new revision.',
    cli: 'aws ecs register-task-definition --cli-input-json file://task-definition-read-only.json',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_storage',
  ],
  evaluate: (def) =>
    containerVerdict(
      def,
      'writable_root_containers',
      'writable root file systems',
      'every root file system is read-only',
    ),
});
