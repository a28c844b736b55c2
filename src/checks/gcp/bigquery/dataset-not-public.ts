import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

interface PublicGrant {
  member: string;
  role: string;
}

export default defineCheck({
  id: 'gcp.bigquery.dataset_not_public',
  title: 'BigQuery datasets are not granted to allUsers or allAuthenticatedUsers',
  severity: 'high',
  resource: 'gcp.bigquery.dataset',
  triggers: [
    'datasetservice.insert',
    'datasetservice.update',
    'datasetservice.patch',
    'google.iam.v1.IAMPolicy.SetIamPolicy',
  ],
  description: 'An access entry of the dataset grants a role to allUsers or allAuthenticatedUsers.',
  risk: 'Every table of the dataset can be queried (or changed, with a writer role) by anyone on the internet or anyone with a Google account.',
  remediation: {
    text: "Remove the allUsers / allAuthenticatedUsers entries from the dataset's sharing settings.",
    cli: 'bq show --format=prettyjson <project>:<dataset> > ds.json  # delete the public entries under "access", then:\nbq update --source ds.json <project>:<dataset>',
  },
  references: ['https://cloud.google.com/bigquery/docs/control-access-to-resources-iam'],
  evaluate: (r) => {
    const grants = r.ext.public_grants as PublicGrant[] | null | undefined;
    if (!Array.isArray(grants))
      return error(`the dataset could not be read: ${String(r.ext.dataset_error ?? 'not collected')}`);
    if (grants.length === 0) return pass('no public access entry');
    return fail(`dataset ${r.com.name}: ${grants.map((g) => `${g.member} has ${g.role}`).join('; ')}`, {
      evidence: { grants },
    });
  },
});
