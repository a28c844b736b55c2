import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extNum, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.ecs.task_definition_no_host_pid',
  title: "ECS task definitions do not share the host's process namespace",
  severity: 'high',
  resource: 'aws.ecs.task_definition',
  triggers: [],
  description: 'The latest revision of the task definition sets pidMode: host.',
  risk: "The containers see and can signal every process of the host, including other tasks' and the agent's: isolation between tasks is gone.",
  remediation: {
    text: 'Remove pidMode: host (or set it to task) and register a new revision.',
    cli: 'aws ecs register-task-definition --cli-input-json file://task-definition-without-host-pid.json',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode',
  ],
  evaluate(def) {
    if (extNum(def, 'containers') === null)
      return error(`the task definition could not be read${whyUnknown(def, 'definition')}`);
    const mode = extStr(def, 'pid_mode');
    return mode === 'host'
      ? fail(`${def.com.name} shares the host's process namespace`)
      : pass(`pidMode ${mode ?? 'not set'}`);
  },
});
