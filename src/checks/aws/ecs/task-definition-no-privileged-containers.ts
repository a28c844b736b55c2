import { defineCheck } from '../../../core/check.js';
import { containerVerdict } from './containers.js';

export default defineCheck({
  id: 'aws.ecs.task_definition_no_privileged_containers',
  title: 'ECS containers do not run privileged',
  severity: 'high',
  resource: 'aws.ecs.task_definition',
  triggers: [],
  description: 'A container of the latest revision of the task definition runs with privileged: true.',
  risk: 'A privileged container has root rights on its host: a compromise of the container is a compromise of the instance and of every task on it.',
  remediation: {
    text: 'Remove privileged: true from the container definition (grant the specific Linux capabilities it needs instead) and register a new revision.',
    cli: 'aws ecs register-task-definition --cli-input-json file://task-definition-without-privileged.json',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security',
  ],
  evaluate: (def) =>
    containerVerdict(def, 'privileged_containers', 'privileged containers', 'no container runs privileged'),
});
