import { notebookSettingCheck } from './notebook.js';

export default notebookSettingCheck({
  id: 'notebook_in_vpc',
  title: 'SageMaker notebook instances run in a custom VPC',
  fact: 'in_vpc',
  want: true,
  severity: 'high',
  description: 'The notebook instance is not launched in a subnet of your VPC.',
  risk: 'Its traffic cannot be filtered by your security groups, network ACLs or VPC endpoints, nor seen in your flow logs.',
  fix: 'Create the notebook instance again in a subnet of your VPC with a security group that allows only what it needs.',
  cli: 'aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type <type> --role-arn <role> --subnet-id <subnet> --security-group-ids <sg>',
  reference: 'https://docs.aws.amazon.com/sagemaker/latest/dg/process-vpc.html',
  passed: 'runs in a VPC subnet',
  failed: 'is not in a VPC subnet',
});
