import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.account.security_contact_registered',
  title: 'A security contact is registered for the AWS account',
  severity: 'medium',
  resource: 'aws.account.security_contact',
  triggers: [],
  description: 'The account has no security alternate contact.',
  risk: 'AWS security notices about the account (abuse reports, exposed credentials, compromised resources) go only to the root email address, which may be unwatched.',
  remediation: {
    text: 'Register a security alternate contact: a monitored team mailbox and phone number.',
    cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY --name "<team>" --title "<title>" --email-address <security@example.com> --phone-number "<phone>"',
  },
  references: [
    'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
  ],
  evaluate(rec) {
    const registered = extBool(rec, 'registered');
    if (registered === null) return error('the security contact could not be read');
    return registered
      ? pass(`security contact ${extStr(rec, 'contact_name') ?? ''} is registered`.replace('  ', ' '))
      : fail(`account ${rec.com.account} has no security contact`);
  },
});
