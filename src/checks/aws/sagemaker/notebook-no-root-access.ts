import { notebookSettingCheck } from './notebook.js';

export default notebookSettingCheck({
  id: 'notebook_no_root_access',
  title: 'Users have no root access to SageMaker notebook instances',
  fact: 'root_access',
  want: false,
  severity: 'high',
  description: 'Root access is enabled for users of the notebook instance.',
  risk: 'Any notebook user can change the instance’s software and configuration, disable its safeguards and reach its role credentials unhindered.',
  fix: 'Stop the notebook instance, disable root access, and start it again.',
  cli: 'aws sagemaker update-notebook-instance --notebook-instance-name <name> --root-access Disabled',
  reference: 'https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html',
  passed: 'root access is disabled',
  failed: 'gives its users root access',
});
