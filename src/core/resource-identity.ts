/**
 * One key per cloud resource, whatever form of its id a record or a detector gives: a detector's
 * finding is folded into Cloudward's only when both are about the same resource, and the clouds
 * name one resource several ways (an S3 bucket by ARN or an `AWS::S3::Bucket` id, an IAM role
 * with or without its path, an Azure id in any letter case, a GCP bucket as
 * `//storage.googleapis.com/b` or by its JSON API self link, a Cloud SQL instance under
 * `cloudsql` or `sqladmin`).
 *
 * Account-wide settings (the root user, the password policy, an account's or subscription's
 * Defender and Block Public Access settings, a GCP project) are keyed as their account, since a
 * detector reports them on the account.
 */

const AWS_ACCOUNT_WIDE =
  /^arn:[^:]+:(?:iam|s3|account)::(\d{12}):(?:root|account-password-policy|account-public-access-block|alternate-contact\/.*)$/;

function awsKey(ref: string): string {
  const account = /^AWS::::Account:(\d{12})$/.exec(ref);
  if (account) return `aws:account:${account[1]}`;
  const wide = AWS_ACCOUNT_WIDE.exec(ref);
  if (wide) return `aws:account:${wide[1]}`;
  const typed = /^AWS::S3::Bucket:(.+)$/.exec(ref);
  if (typed) return `aws:s3:${typed[1]}`;
  const queueUrl = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/(.+)$/.exec(ref);
  if (queueUrl) return `aws:sqs:${queueUrl[1]}:${queueUrl[2]}:${queueUrl[3]}`;
  const arn = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(ref);
  if (!arn) return ref;
  const [, , service, region, acct, resource] = arn as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  switch (service) {
    case 's3':
      // a bucket (or an object in it): the bucket
      return `aws:s3:${resource.split('/')[0]}`;
    case 'iam': {
      // IAM names are unique in an account whatever their path, and compared without case
      const m = /^(user|role|group|policy|instance-profile)\/(?:.*\/)?([^/]+)$/.exec(resource);
      return m ? `aws:iam:${acct}:${m[1]}:${(m[2] as string).toLowerCase()}` : `aws:iam:${acct}:${resource}`;
    }
    case 'lambda': {
      // a function's version or alias: the function
      const m = /^function:([^:]+)/.exec(resource);
      return m ? `aws:lambda:${region}:${acct}:${m[1]}` : `aws:lambda:${region}:${acct}:${resource}`;
    }
    case 'sqs':
      return `aws:sqs:${region}:${acct}:${resource}`;
    case 'ec2':
      // a snapshot's ARN names no owner in EC2's own form
      if (resource.startsWith('snapshot/')) return `aws:ec2:${region}::${resource}`;
      return `aws:ec2:${region}:${acct}:${resource}`;
    default:
      return `aws:${service}:${region}:${acct}:${resource}`;
  }
}

function azureKey(ref: string): string {
  const id = ref.replace(/\/+$/, '').toLowerCase();
  const sub = /^\/subscriptions\/([^/]+)(?:\/providers\/microsoft\.security\/.*)?$/.exec(id);
  if (sub) return `azure:subscription:${sub[1]}`;
  return `azure:${id}`;
}

/** The API a Google self link or full resource name is under, and the path from `projects/` on. */
function gcpKey(ref: string): string {
  let service: string;
  let path: string;
  const full = /^\/\/([a-z0-9-]+)\.googleapis\.com\/(.+)$/.exec(ref);
  const link = /^https:\/\/([a-z0-9-]+)\.googleapis\.com\/(.+)$/.exec(ref);
  if (full) {
    service = full[1] as string;
    path = full[2] as string;
  } else if (link) {
    const host = link[1] as string;
    const rest = link[2] as string;
    if (host === 'www' || host === 'storage') {
      const m = /^(?:storage\/v1\/b\/|([a-z]+)\/v[0-9a-z.]+\/)(.*)$/.exec(rest);
      if (!m) return ref;
      service = m[1] ?? 'storage';
      path = m[2] as string;
    } else {
      service = host;
      // drop the API's version segments: sql/v1beta4/, bigquery/v2/, v1/
      path = rest.replace(/^(?:[a-z]+\/)?v[0-9][0-9a-z.]*\//, '');
    }
  } else {
    return ref;
  }
  if (service === 'sqladmin') service = 'cloudsql';
  if (service === 'storage') return `gcp:storage:${path.replace(/^b\//, '').split('/')[0]}`;
  const project = /^projects\/([^/]+)$/.exec(path);
  // a project's settings in Compute Engine, or the project itself
  if (project && (service === 'compute' || service === 'cloudresourcemanager'))
    return `gcp:project:${project[1]}`;
  return `gcp:${service}:${path}`;
}

/** The key of the resource a reference names, equal for every form of its id. */
export function resourceKey(reference: string): string {
  // a check about a whole account names it `<cloud>:<account>`
  const scope = /^(aws|azure|gcp):([^:/]+)$/.exec(reference);
  if (scope) {
    const [, cloud, account] = scope as unknown as [string, string, string];
    if (cloud === 'aws') return `aws:account:${account}`;
    if (cloud === 'azure') return `azure:subscription:${account.toLowerCase()}`;
    return `gcp:project:${account}`;
  }
  if (reference.startsWith('arn:') || reference.startsWith('AWS::') || reference.startsWith('https://sqs.'))
    return awsKey(reference);
  if (/^\/(?:subscriptions|providers)\//i.test(reference)) return azureKey(reference);
  if (reference.startsWith('//') || /^https:\/\/[a-z0-9-]+\.googleapis\.com\//.test(reference))
    return gcpKey(reference);
  return reference;
}

/**
 * The keys a Cloudward finding's reference stands for: the resource, and for a part of one
 * (`<security group>#inbound/tcp:22/0.0.0.0/0`, `<user>#credentials`) the resource it is part of,
 * as a detector names the whole.
 */
export function resourceKeys(reference: string): string[] {
  const hash = reference.indexOf('#');
  if (hash < 0) return [resourceKey(reference)];
  return [resourceKey(reference), resourceKey(reference.slice(0, hash))];
}
