import { notebookSettingCheck } from './notebook.js';

export default notebookSettingCheck({
  id: 'notebook_no_direct_internet',
  title: 'SageMaker notebook instances have no direct internet access',
  fact: 'direct_internet_access',
  want: false,
  severity: 'high',
  description: 'Direct internet access is enabled for the notebook instance.',
  risk: 'The notebook, which holds credentials to your data, can be reached from and can send data to the internet outside your network controls.',
  fix: 'Create the notebook instance again in a VPC subnet with direct internet access disabled (the setting cannot be changed in place).',
  cli: 'aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type <type> --role-arn <role> --subnet-id <subnet> --security-group-ids <sg> --direct-internet-access Disabled',
  reference: 'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
  passed: 'no direct internet access',
  failed: 'has direct internet access',
});
