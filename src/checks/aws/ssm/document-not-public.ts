import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.ssm.document_not_public',
  title: 'Systems Manager documents are not shared publicly',
  severity: 'high',
  resource: 'aws.ssm.document',
  facts: { 'aws.ssm.document': ['public'] },
  triggers: [],
  description: 'The document owned by the account is shared with every AWS account ("all").',
  risk: 'Anyone can read the document: its scripts, parameters, host names, paths and sometimes credentials.',
  remediation: {
    text: 'Stop sharing the document publicly; share it with named accounts if others need it, and turn on the account setting that blocks public sharing.',
    cli: 'aws ssm modify-document-permission --name <document> --permission-type Share --account-ids-to-remove All',
  },
  references: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html'],
  evaluate(doc) {
    const open = extBool(doc, 'public');
    if (open === null) return error(`the document's sharing could not be read${whyUnknown(doc, 'sharing')}`);
    return open ? fail(`${doc.com.name} is shared with every AWS account`) : pass('not shared publicly');
  },
});
