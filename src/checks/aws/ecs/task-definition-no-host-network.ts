import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.ecs.task_definition_no_host_network',
  title: 'ECS task definitions do not use the host network mode',
  severity: 'medium',
  resource: 'aws.ecs.task_definition',
  triggers: [],
  description: 'The latest revision of the task definition uses the host network mode.',
  risk: "The task's containers share the instance's network stack: no per-task security group, and they reach what the host reaches, including the instance metadata service.",
  remediation: {
    text: 'Use the awsvpc network mode (each task gets its own interface and security group) and register a new revision.',
    cli: 'aws ecs register-task-definition --cli-input-json file://task-definition-awsvpc.json',
  },
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html'],
  evaluate(def) {
    const mode = extStr(def, 'network_mode');
    if (mode === null) return error(`the task definition could not be read${whyUnknown(def, 'definition')}`);
    return mode === 'host'
      ? fail(`${def.com.name} uses the host network mode`)
      : pass(`network mode ${mode}`);
  },
});
