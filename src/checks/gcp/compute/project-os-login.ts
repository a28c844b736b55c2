import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.compute.project_os_login_enabled',
  title: 'OS Login is enabled in the project metadata',
  severity: 'medium',
  resource: 'gcp.compute.project',
  triggers: ['v1.compute.projects.setCommonInstanceMetadata'],
  description: 'The project-wide metadata does not set enable-oslogin to TRUE.',
  risk: 'Without OS Login, SSH access to instances is managed with keys in metadata, outside IAM: access is not revoked with the account and is not tied to 2-step verification.',
  remediation: {
    text: 'Set enable-oslogin=TRUE in the project metadata.',
    cli: 'gcloud compute project-info add-metadata --project <project> --metadata enable-oslogin=TRUE',
  },
  references: ['https://cloud.google.com/compute/docs/oslogin/set-up-oslogin'],
  evaluate: (r) => {
    if (typeof r.ext.os_login !== 'boolean') return error('the project metadata could not be read');
    if (r.ext.os_login) return pass('enable-oslogin is TRUE in the project metadata');
    return fail(`project ${r.com.name} does not enable OS Login in its metadata`, {
      evidence: { enable_oslogin: false },
    });
  },
});
