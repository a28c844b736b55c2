// A synthetic scan of N S3-bucket-shaped resources, shared by the store benchmarks.
// Every (resources / findings)-th resource fails its check, giving `findings` finding lives.
export const STARTED = '2024-05-01T02:00:00.000Z';
const CHECK = 'aws.s3.bucket_public_access_blocked';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'];

/** A resource shaped like a collected S3 bucket (about 700 bytes of JSON). */
export function resource(i) {
  const name = `bench-bucket-${String(i).padStart(7, '0')}`;
  const region = REGIONS[i % REGIONS.length];
  const blocked = i % 10 !== 0;
  return {
    raw: {
      item: { Name: name, CreationDate: '2023-01-02T03:04:05.000Z' },
      region: { LocationConstraint: region },
      publicAccessBlock: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: blocked,
          IgnorePublicAcls: blocked,
          BlockPublicPolicy: blocked,
          RestrictPublicBuckets: blocked,
        },
      },
      encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
    },
    ext: { record_type: 'aws.s3.bucket', publicAccessBlocked: blocked, encrypted: true },
    com: {
      cloud_type: 'aws',
      record_type: 'storage',
      reference: `arn:aws:s3:::${name}`,
      name,
      account: `1111222233${String(i % 100).padStart(2, '0')}`,
      region,
      service: 's3',
      tags: { env: i % 3 === 0 ? 'prod' : 'dev', team: `team-${i % 17}` },
      audit_key: 'bench',
      audit_version: 'bench-scan',
      origin_key: 'aws.s3.bucket',
      origin_type: 'cloud',
    },
  };
}

export function result(r, failing, findingId) {
  return {
    finding_id: findingId(CHECK, r.com.reference),
    check_id: CHECK,
    reference: r.com.reference,
    resource_name: r.com.name,
    cloud: 'aws',
    account: r.com.account,
    region: r.com.region,
    status: failing ? 'fail' : 'pass',
    severity: 'high',
    message: failing ? `Bucket ${r.com.name} does not block public access` : 'compliant',
  };
}

export function life(r, findingId) {
  const id = findingId(CHECK, r.com.reference);
  return {
    finding_id: id,
    audit_key: 'bench',
    check_id: CHECK,
    reference: r.com.reference,
    state: 'new',
    first_seen: STARTED,
    last_seen: STARTED,
    resolved_at: null,
    record: {
      raw: { evidence: r.raw.publicAccessBlock },
      ext: { record_type: 'aws.s3.bucket_event', check_id: CHECK, message: `Bucket ${r.com.name} is public` },
      com: {
        ...r.com,
        record_type: 'storage_event',
        origin_key: CHECK,
        origin_type: 'check',
        description: 'The bucket can be made public.',
        recommendation: 'Turn on S3 Block Public Access.',
        severity: 'high',
        status: 'fail',
        compliance: ['cis-aws-7.0:2.1.4'],
        finding_id: id,
        state: 'new',
        first_seen: STARTED,
        last_seen: STARTED,
      },
    },
  };
}

export function summary(resources, findings) {
  return {
    id: 'bench-scan',
    audit_key: 'bench',
    label: null,
    started_at: STARTED,
    finished_at: '2024-05-01T02:10:00.000Z',
    status: 'running',
    counts: {
      resources,
      results: { pass: resources - findings, fail: findings, error: 0, manual: 0, not_applicable: 0 },
      findings: { new: findings },
    },
    errors: [],
  };
}

/** Whether resource i fails: every (resources / findings)-th one, giving `findings` findings. */
export function failing(resources, findings) {
  const every = Math.max(1, Math.floor(resources / findings));
  return (i) => i % every === 0 && i / every < findings;
}

/**
 * Writes one scan of `resources` resources and results in batches of `batch`, committed with
 * `findings` finding lives. Returns the lives and the time spent writing and committing (ms).
 */
export async function writeSyntheticScan(store, { resources, findings, batch, findingId }) {
  const fails = failing(resources, findings);
  const w = await store.beginScan(summary(0, findings));
  const lives = [];
  const t0 = performance.now();
  for (let start = 0; start < resources; start += batch) {
    const recs = [];
    const results = [];
    for (let i = start; i < Math.min(resources, start + batch); i++) {
      const r = resource(i);
      recs.push(r);
      results.push(result(r, fails(i), findingId));
      if (fails(i)) lives.push(life(r, findingId));
    }
    await w.addResources(recs);
    await w.addResults(results);
  }
  const t1 = performance.now();
  await w.commit(
    summary(resources, findings),
    lives,
    lives.map((l) => ({ finding_id: l.finding_id, scan_id: 'bench-scan', state: 'new', at: STARTED })),
  );
  return { lives, writeMs: t1 - t0, commitMs: performance.now() - t1 };
}
