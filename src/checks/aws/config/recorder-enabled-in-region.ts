import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

interface Recorder {
  name: string | null;
  all_supported: boolean;
  recording: boolean | null;
  last_status: string | null;
}

export default defineCheck({
  id: 'aws.config.recorder_enabled_in_region',
  title: 'AWS Config records all resource types in every region',
  severity: 'medium',
  resource: 'aws.config.recorders',
  triggers: [],
  description: 'The region has no AWS Config recorder that is recording every supported resource type.',
  risk: 'Without configuration history there is no record of what a resource looked like before an incident, and Config rules and conformance packs evaluate nothing.',
  remediation: {
    text: 'Create a recorder for all supported resource types with a delivery channel, and start it (record global IAM resources in one region only).',
    cli: 'aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=true\naws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket>\naws configservice start-configuration-recorder --configuration-recorder-name default',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html'],
  evaluate(rec) {
    const recorders = extList<Recorder>(rec, 'recorders');
    if (recorders === null) return error('the configuration recorders are unreadable');
    if (recorders.length === 0) return fail(`AWS Config has no recorder in ${rec.com.region}`);
    const good = recorders.find((r) => r.all_supported && r.recording === true);
    if (good) return pass(`recorder ${good.name} records all resource types`);
    if (recorders.some((r) => r.recording === null)) return error('the recorder status could not be read');
    const why = recorders
      .map((r) => `${r.name}: ${r.recording ? 'records only some resource types' : 'not recording'}`)
      .join('; ');
    return fail(`no recorder in ${rec.com.region} records all resource types (${why})`);
  },
});
