/** A simulated AWS organisation behind one AWS-compatible endpoint (see fake-org.mjs). */
export const MANAGEMENT_KEY: string;
export const MANAGEMENT_SECRET: string;

export interface FakeAccount {
  id: string;
  name: string;
  groups: number;
  passwordPolicy?: { min: number };
}

export interface OrgRequest {
  /** arrival time, performance.now() of the endpoint's process */
  at: number;
  account: string;
  region: string;
  service: string;
  action: string;
  /** the rate bucket Cloudward puts the request in: account/region/service, EC2 per API */
  bucket: string;
  /** the application id of the user agent (the sender's AWS_SDK_UA_APP_ID), when it has one */
  app?: string;
}

export function accountId(i: number): string;
export function fakeOrganisation(o: { accounts: number; groups?: number }): FakeAccount[];
export function bucketOf(r: Pick<OrgRequest, 'account' | 'region' | 'service' | 'action'>): string;

export interface FakeOrg {
  url: string;
  org: FakeAccount[];
  requests: OrgRequest[];
  refused: { url: string | undefined; key: string }[];
  unserved: string[];
  perAccount(): Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export function startFakeOrg(o: {
  accounts: number;
  groups?: number;
  latencyMs?: number;
  pageSize?: number;
}): Promise<FakeOrg>;

export function peakInWindow<R extends { at: number }>(
  requests: readonly R[],
  windowMs: number,
  keyOf: (r: R) => string | undefined,
): Map<string, { peak: number; total: number }>;

export function fakeOrgEnv(url: string): Record<string, string>;
