/**
 * JSON Schemas for the two OCSF 1.3.0 classes Cloudward writes, written from the OCSF
 * specification's class and object definitions: each class's required attributes, the types of
 * the attributes we use (timestamp_t is an integer of milliseconds, *_id enums are integers with
 * the listed values), and no attribute the class does not define.
 */

const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const strings = { type: 'array', items: str } as const;
const timestamp = { type: 'integer', minimum: 0 } as const;
const enumOf = (values: number[]) => ({ type: 'integer', enum: values }) as const;

const product = {
  type: 'object',
  properties: {
    name: str,
    vendor_name: str,
    version: str,
    uid: str,
    lang: str,
    url_string: str,
    path: str,
    cpe_name: str,
    feature: { type: 'object' },
  },
  additionalProperties: false,
};

const metadata = {
  type: 'object',
  required: ['product', 'version'],
  properties: {
    product,
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$' },
    uid: str,
    correlation_uid: str,
    event_code: str,
    labels: strings,
    log_level: str,
    log_name: str,
    log_provider: str,
    log_version: str,
    logged_time: timestamp,
    modified_time: timestamp,
    original_time: str,
    processed_time: timestamp,
    profiles: strings,
    sequence: int,
    tenant_uid: str,
    extension: { type: 'object' },
    extensions: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: false,
};

const account = {
  type: 'object',
  properties: {
    uid: str,
    name: str,
    type: str,
    type_id: enumOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 99]),
    labels: strings,
  },
  additionalProperties: false,
};

const cloud = {
  type: 'object',
  required: ['provider'],
  properties: {
    provider: str,
    region: str,
    zone: str,
    account,
    cloud_partition: str,
    project_uid: str,
    org: { type: 'object' },
  },
  additionalProperties: false,
};

const analytic = {
  type: 'object',
  required: ['type_id'],
  properties: {
    type_id: enumOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 99]),
    type: str,
    uid: str,
    name: str,
    category: str,
    desc: str,
    version: str,
  },
  additionalProperties: false,
};

const findingInfo = {
  type: 'object',
  required: ['uid'],
  properties: {
    uid: { type: 'string', minLength: 1 },
    title: str,
    desc: str,
    types: strings,
    analytic,
    created_time: timestamp,
    first_seen_time: timestamp,
    last_seen_time: timestamp,
    modified_time: timestamp,
    product_uid: str,
    src_url: str,
    data_sources: strings,
    related_events: { type: 'array', items: { type: 'object' } },
    attacks: { type: 'array', items: { type: 'object' } },
    kill_chain: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: false,
};

const resourceDetails = {
  type: 'object',
  anyOf: [{ required: ['uid'] }, { required: ['name'] }],
  properties: {
    uid: str,
    name: str,
    type: str,
    region: str,
    cloud_partition: str,
    labels: strings,
    data: {},
    group: { type: 'object' },
    owner: { type: 'object' },
    namespace: str,
    version: str,
    hostname: str,
    criticality: str,
  },
  additionalProperties: false,
};

const compliance = {
  type: 'object',
  required: ['standards'],
  properties: {
    standards: { type: 'array', items: str, minItems: 1 },
    requirements: strings,
    control: str,
    status: str,
    status_id: enumOf([0, 1, 2, 3, 99]),
    status_code: str,
    status_detail: str,
  },
  additionalProperties: false,
};

const remediation = {
  type: 'object',
  required: ['desc'],
  properties: {
    desc: str,
    references: strings,
    kb_article_list: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: false,
};

const user = {
  type: 'object',
  anyOf: [{ required: ['uid'] }, { required: ['name'] }],
  properties: { uid: str, name: str, type: str, type_id: int, email_addr: str },
};

const evidences = {
  type: 'object',
  anyOf: [
    'actor',
    'api',
    'connection_info',
    'data',
    'device',
    'dst_endpoint',
    'email',
    'file',
    'process',
    'query',
    'src_endpoint',
    'url',
    'user',
  ].map((k) => ({ required: [k] })),
  properties: {
    actor: { type: 'object', properties: { user }, minProperties: 1 },
    api: {
      type: 'object',
      required: ['operation'],
      properties: { operation: str, service: { type: 'object', properties: { name: str, uid: str } } },
    },
    src_endpoint: {
      type: 'object',
      properties: { ip: { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] } },
    },
    data: {},
  },
};

const base = {
  activity_id: enumOf([0, 1, 2, 3, 99]),
  activity_name: str,
  category_uid: { const: 2 },
  category_name: { const: 'Findings' },
  class_name: str,
  type_uid: int,
  type_name: str,
  severity_id: enumOf([0, 1, 2, 3, 4, 5, 6, 99]),
  severity: str,
  time: timestamp,
  message: str,
  status: str,
  status_id: enumOf([0, 1, 2, 3, 4, 99]),
  status_code: str,
  status_detail: str,
  timezone_offset: int,
  count: int,
  duration: int,
  start_time: timestamp,
  end_time: timestamp,
  metadata,
  cloud,
  finding_info: findingInfo,
  resources: { type: 'array', items: resourceDetails },
  remediation,
  confidence_id: int,
  raw_data: str,
  unmapped: { type: 'object' },
  observables: { type: 'array', items: { type: 'object' } },
  enrichments: { type: 'array', items: { type: 'object' } },
};

const BASE_REQUIRED = [
  'activity_id',
  'category_uid',
  'class_uid',
  'metadata',
  'severity_id',
  'time',
  'type_uid',
];

/** Compliance Finding (class_uid 2003): base event + finding + the required compliance object. */
export const complianceFindingSchema = {
  $id: 'ocsf-1.3.0-compliance_finding',
  type: 'object',
  required: [...BASE_REQUIRED, 'finding_info', 'compliance'],
  properties: { ...base, class_uid: { const: 2003 }, compliance },
  additionalProperties: false,
};

/** Detection Finding (class_uid 2004): base event + finding + evidences. */
export const detectionFindingSchema = {
  $id: 'ocsf-1.3.0-detection_finding',
  type: 'object',
  required: [...BASE_REQUIRED, 'finding_info'],
  properties: {
    ...base,
    class_uid: { const: 2004 },
    evidences: { type: 'array', items: evidences, minItems: 1 },
    is_alert: { type: 'boolean' },
    impact_id: int,
    impact: str,
    impact_score: int,
    risk_level_id: int,
    risk_level: str,
    risk_score: int,
    vulnerabilities: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: false,
};
