import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.ecs.task_definition_host_network_non_root',
  title: 'ECS task definitions on the host network run containers as a non-root user',
  severity: 'high',
  resource: 'aws.ecs.task_definition',
  triggers: [],
  description:
    'The latest revision of the task definition uses the host network mode and has non-privileged containers that run as root (no user, or root).',
  risk: 'A root process on the host network can bind any port of the instance and reach what the host reaches, including the instance metadata service.',
  remediation: {
    text: 'Set a non-root user on each container of a host-network task definition (or move it to the awsvpc network mode) and register a new revision.',
    cli: 'aws ecs register-task-definition --cli-input-json file://task-definition-non-root.json',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode',
  ],
  evaluate(def) {
    const mode = extStr(def, 'network_mode');
    const root = extList<string>(def, 'root_containers');
    if (mode === null || root === null)
      return error(`the task definition could not be read${whyUnknown(def, 'definition')}`);
    if (mode !== 'host') return notApplicable(`network mode ${mode}`);
    if (root.length === 0) return pass('every container runs as a named non-root user');
    return fail(`${def.com.name} runs ${root.join(', ')} as root on the host network`, {
      evidence: { containers: root },
    });
  },
});
