// The "services" shape of bench/aws-collect.mjs: a synthetic account of the FSBP identity,
// container, serverless, messaging, ML, database and edge services, answered in each service's own
// protocol (AWS JSON 1.0/1.1 routed by X-Amz-Target, REST-JSON for Lambda, EKS and Account
// Management, REST-XML for CloudFront, the query protocol for SNS, RDS and Elastic Load
// Balancing), so the real collectors run through the whole SDK stack.

const ACCOUNT = '111122223333';
const arn = (region, service, resource) => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const pad = (i) => String(i).padStart(5, '0');

/** Sizes per region; every resource gets the per-item calls its collector makes. */
export function servicesEstate(size = 200) {
  const n = (share) => Math.max(1, Math.round(size * share));
  return {
    functions: range(n(1), (i) => ({
      name: `fn-${pad(i)}`,
      vpc: i % 2 === 0,
      subnets: [`subnet-${i % 4}`, `subnet-${(i + 1) % 4}`],
    })),
    secrets: range(n(1), (i) => `secret-${pad(i)}`),
    queues: range(n(1), (i) => `queue-${pad(i)}`),
    topics: range(n(1), (i) => `topic-${pad(i)}`),
    keys: range(n(1), (i) => ({ id: `key-${pad(i)}`, customer: i % 2 === 0 })),
    clusters: range(n(0.05), (i) => `cluster-${pad(i)}`),
    servicesPerCluster: 10,
    families: range(n(0.5), (i) => `family-${pad(i)}`),
    revisions: 3,
    eks: range(n(0.05), (i) => `eks-${pad(i)}`),
    documents: range(n(0.5), (i) => `doc-${pad(i)}`),
    nodes: range(n(1), (i) => `i-${pad(i)}`),
    machines: range(n(0.5), (i) => `sm-${pad(i)}`),
    projects: range(n(1), (i) => `project-${pad(i)}`),
    reportGroups: range(n(0.25), (i) => `rg-${pad(i)}`),
    streams: range(n(0.25), (i) => `stream-${pad(i)}`),
    notebooks: range(n(0.25), (i) => `nb-${pad(i)}`),
    endpointConfigs: range(n(0.25), (i) => `ec-${pad(i)}`),
    models: range(n(0.25), (i) => `model-${pad(i)}`),
    tables: range(n(1), (i) => `table-${pad(i)}`),
    // a few parameter groups shared by many instances: DescribeDBParameters once per group
    databases: range(n(1), (i) => ({ id: `db-${pad(i)}`, group: `pg-${i % 5}` })),
    distributions: range(n(0.5), (i) => `E0BENCH${pad(i)}`),
    loadBalancers: range(n(0.5), (i) => `alb-${pad(i)}`),
  };
}

/** The collector types of the shape, in the order they are measured. */
export const SERVICE_TYPES = [
  'aws.lambda.function',
  'aws.secretsmanager.secret',
  'aws.sqs.queue',
  'aws.sns.topic',
  'aws.kms.key',
  'aws.ecs.cluster',
  'aws.ecs.service',
  'aws.ecs.task_definition',
  'aws.eks.cluster',
  'aws.ssm.document',
  'aws.ssm.managed_instance',
  'aws.ssm.service_settings',
  'aws.states.state_machine',
  'aws.codebuild.project',
  'aws.codebuild.report_group',
  'aws.kinesis.stream',
  'aws.sagemaker.notebook_instance',
  'aws.sagemaker.endpoint_config',
  'aws.sagemaker.model',
  'aws.account.security_contact',
  'aws.dynamodb.table',
  'aws.rds.db_instance',
  'aws.cloudfront.distribution',
  'aws.elbv2.load_balancer',
];

const json = (body, version = '1.1') => ({
  status: 200,
  type: `application/x-amz-json-${version}`,
  body: JSON.stringify(body),
});
const rest = (body) => ({ status: 200, type: 'application/json', body: JSON.stringify(body) });
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** One page of a JSON listing: NextToken is the offset. */
function pageOf(list, input, max = 100) {
  const start = Number(input.NextToken ?? input.nextToken ?? 0);
  const size = Number(input.MaxResults ?? input.maxResults ?? max) || max;
  const items = list.slice(start, start + size);
  return { items, next: start + size < list.length ? String(start + size) : undefined };
}

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'own',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: '*',
      Resource: '*',
    },
  ],
});

function jsonService(service, action, input, region, d) {
  switch (`${service}:${action}`) {
    case 'dynamodb:ListTables': {
      const start = input.ExclusiveStartTableName ? d.tables.indexOf(input.ExclusiveStartTableName) + 1 : 0;
      const names = d.tables.slice(start, start + (input.Limit ?? 100));
      const last = start + names.length < d.tables.length ? names.at(-1) : undefined;
      return json({ TableNames: names, ...(last ? { LastEvaluatedTableName: last } : {}) }, '1.0');
    }
    case 'dynamodb:DescribeTable':
      return json(
        {
          Table: {
            TableName: input.TableName,
            TableArn: arn(region, 'dynamodb', `table/${input.TableName}`),
            TableStatus: 'ACTIVE',
            DeletionProtectionEnabled: true,
            BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
            SSEDescription: { Status: 'ENABLED', SSEType: 'KMS' },
          },
        },
        '1.0',
      );
    case 'dynamodb:DescribeContinuousBackups':
      return json(
        {
          ContinuousBackupsDescription: {
            ContinuousBackupsStatus: 'ENABLED',
            PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' },
          },
        },
        '1.0',
      );
    case 'secretsmanager:ListSecrets': {
      const p = pageOf(d.secrets, input);
      return json({
        SecretList: p.items.map((s) => ({
          ARN: arn(region, 'secretsmanager', `secret:${s}-AbCdEf`),
          Name: s,
          CreatedDate: 1.7e9,
        })),
        NextToken: p.next,
      });
    }
    case 'sqs:ListQueues': {
      const p = pageOf(d.queues, input, 1000);
      return json(
        { QueueUrls: p.items.map((q) => `${d.endpoint}/${ACCOUNT}/${q}`), NextToken: p.next },
        '1.0',
      );
    }
    case 'sqs:GetQueueAttributes':
      return json(
        {
          Attributes: {
            QueueArn: arn(region, 'sqs', input.QueueUrl.split('/').pop()),
            SqsManagedSseEnabled: 'true',
          },
        },
        '1.0',
      );
    case 'kms:ListKeys':
      return json({
        Keys: d.keys.map((k) => ({ KeyId: k.id, KeyArn: arn(region, 'kms', `key/${k.id}`) })),
        Truncated: false,
      });
    case 'kms:DescribeKey': {
      const id = String(input.KeyId).split('/').pop();
      const k = d.keys.find((x) => x.id === id);
      return json({
        KeyMetadata: {
          KeyId: id,
          KeyManager: k?.customer ? 'CUSTOMER' : 'AWS',
          KeyState: 'Enabled',
          KeySpec: 'SYMMETRIC_DEFAULT',
          KeyUsage: 'ENCRYPT_DECRYPT',
          Origin: 'AWS_KMS',
        },
      });
    }
    case 'kms:GetKeyRotationStatus':
      return json({ KeyRotationEnabled: true });
    case 'kms:GetKeyPolicy':
      return json({ Policy: POLICY, PolicyName: 'default' });
    case 'ecs:ListClusters':
      return json({ clusterArns: d.clusters.map((c) => arn(region, 'ecs', `cluster/${c}`)) });
    case 'ecs:DescribeClusters':
      return json({
        clusters: input.clusters.map((a) => ({
          clusterArn: a,
          clusterName: a.split('/').pop(),
          settings: [{ name: 'containerInsights', value: 'enabled' }],
        })),
        failures: [],
      });
    case 'ecs:ListServices': {
      const cluster = String(input.cluster).split('/').pop();
      return json({
        serviceArns: range(d.servicesPerCluster, (i) => arn(region, 'ecs', `service/${cluster}/svc-${i}`)),
      });
    }
    case 'ecs:DescribeServices':
      return json({
        services: input.services.map((a) => ({
          serviceArn: a,
          serviceName: a.split('/').pop(),
          launchType: 'FARGATE',
          platformVersion: 'LATEST',
        })),
        failures: [],
      });
    case 'ecs:ListTaskDefinitions': {
      const all = d.families.flatMap((f) =>
        range(d.revisions, (r) => arn(region, 'ecs', `task-definition/${f}:${r + 1}`)),
      );
      const p = pageOf(all, input);
      return json({ taskDefinitionArns: p.items, nextToken: p.next });
    }
    case 'ecs:DescribeTaskDefinition':
      return json({
        taskDefinition: {
          taskDefinitionArn: input.taskDefinition,
          networkMode: 'awsvpc',
          containerDefinitions: [
            { name: 'app', readonlyRootFilesystem: true, logConfiguration: { logDriver: 'awslogs' } },
          ],
        },
      });
    case 'ssm:ListDocuments': {
      const p = pageOf(d.documents, input, 50);
      return json({
        DocumentIdentifiers: p.items.map((n) => ({ Name: n, Owner: ACCOUNT, DocumentType: 'Command' })),
        NextToken: p.next,
      });
    }
    case 'ssm:GetServiceSetting':
      return json({ ServiceSetting: { SettingId: input.SettingId, SettingValue: 'Disable' } });
    case 'ssm:DescribeDocumentPermission':
      return json({ AccountIds: [] });
    case 'ssm:DescribeInstanceInformation': {
      const p = pageOf(d.nodes, input, 50);
      return json({
        InstanceInformationList: p.items.map((id) => ({
          InstanceId: id,
          PingStatus: 'Online',
          ResourceType: 'EC2Instance',
        })),
        NextToken: p.next,
      });
    }
    case 'ssm:ListResourceComplianceSummaries': {
      const all = d.nodes.flatMap((id) =>
        ['Patch', 'Association'].map((t) => ({
          ComplianceType: t,
          ResourceId: id,
          ResourceType: 'ManagedInstance',
          Status: 'COMPLIANT',
        })),
      );
      const p = pageOf(all, input);
      return json({ ResourceComplianceSummaryItems: p.items, NextToken: p.next });
    }
    case 'states:ListStateMachines':
      return json(
        {
          stateMachines: d.machines.map((m) => ({
            stateMachineArn: arn(region, 'states', `stateMachine:${m}`),
            name: m,
            type: 'STANDARD',
            creationDate: 1.7e9,
          })),
        },
        '1.0',
      );
    case 'states:DescribeStateMachine':
      return json(
        {
          stateMachineArn: input.stateMachineArn,
          name: 'm',
          definition: '{}',
          roleArn: 'r',
          type: 'STANDARD',
          creationDate: 1.7e9,
          loggingConfiguration: { level: 'ERROR' },
        },
        '1.0',
      );
    case 'codebuild:ListProjects':
      return json({ projects: d.projects });
    case 'codebuild:BatchGetProjects':
      return json({
        projects: input.names.map((n) => ({
          name: n,
          arn: arn(region, 'codebuild', `project/${n}`),
          source: { type: 'GITHUB', location: 'https://github.com/example/app.git' },
        })),
      });
    case 'codebuild:ListReportGroups':
      return json({ reportGroups: d.reportGroups.map((g) => arn(region, 'codebuild', `report-group/${g}`)) });
    case 'codebuild:BatchGetReportGroups':
      return json({
        reportGroups: input.reportGroupArns.map((a) => ({
          arn: a,
          name: a.split('/').pop(),
          exportConfig: { exportConfigType: 'NO_EXPORT' },
        })),
      });
    case 'kinesis:ListStreams':
      return json({
        StreamNames: d.streams,
        StreamSummaries: d.streams.map((s) => ({
          StreamName: s,
          StreamARN: arn(region, 'kinesis', `stream/${s}`),
          StreamStatus: 'ACTIVE',
        })),
        HasMoreStreams: false,
      });
    case 'kinesis:DescribeStreamSummary':
      return json({
        StreamDescriptionSummary: {
          StreamARN: input.StreamARN,
          StreamName: 's',
          StreamStatus: 'ACTIVE',
          EncryptionType: 'KMS',
          RetentionPeriodHours: 24,
          StreamCreationTimestamp: 1.7e9,
          EnhancedMonitoring: [],
          OpenShardCount: 1,
        },
      });
    case 'sagemaker:ListNotebookInstances':
      return json({
        NotebookInstances: d.notebooks.map((n) => ({
          NotebookInstanceName: n,
          NotebookInstanceArn: arn(region, 'sagemaker', `notebook-instance/${n}`),
        })),
      });
    case 'sagemaker:DescribeNotebookInstance':
      return json({
        NotebookInstanceName: input.NotebookInstanceName,
        DirectInternetAccess: 'Disabled',
        SubnetId: 'subnet-1',
        RootAccess: 'Disabled',
        PlatformIdentifier: 'notebook-al2023-v1',
      });
    case 'sagemaker:ListEndpointConfigs':
      return json({
        EndpointConfigs: d.endpointConfigs.map((n) => ({
          EndpointConfigName: n,
          EndpointConfigArn: arn(region, 'sagemaker', `endpoint-config/${n}`),
          CreationTime: 1.7e9,
        })),
      });
    case 'sagemaker:DescribeEndpointConfig':
      return json({
        EndpointConfigName: input.EndpointConfigName,
        ProductionVariants: [{ VariantName: 'v', InitialInstanceCount: 2 }],
      });
    case 'sagemaker:ListModels':
      return json({
        Models: d.models.map((n) => ({
          ModelName: n,
          ModelArn: arn(region, 'sagemaker', `model/${n}`),
          CreationTime: 1.7e9,
        })),
      });
    case 'sagemaker:DescribeModel':
      return json({ ModelName: input.ModelName, EnableNetworkIsolation: true });
    default:
      return undefined;
  }
}

function restService(service, method, path, region, d) {
  if (service === 'lambda' && method === 'GET' && /^\/2015-03-31\/functions\/?$/.test(path))
    return rest({
      Functions: d.functions.map((f) => ({
        FunctionName: f.name,
        FunctionArn: arn(region, 'lambda', `function:${f.name}`),
        Runtime: 'python3.12',
        PackageType: 'Zip',
        TracingConfig: { Mode: 'PassThrough' },
        ...(f.vpc ? { VpcConfig: { SubnetIds: f.subnets, SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1' } } : {}),
      })),
    });
  if (service === 'lambda' && /\/policy$/.test(path))
    return {
      status: 404,
      type: 'application/json',
      body: '{"message":"none"}',
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
    };
  if (service === 'eks' && path === '/clusters') return rest({ clusters: d.eks });
  if (service === 'eks' && path.startsWith('/clusters/'))
    return rest({
      cluster: {
        name: path.split('/').pop(),
        arn: arn(region, 'eks', `cluster/${path.split('/').pop()}`),
        version: '1.33',
        resourcesVpcConfig: { endpointPublicAccess: false },
        logging: { clusterLogging: [{ types: ['audit'], enabled: true }] },
      },
    });
  if (service === 'account' && path === '/getAlternateContact')
    return rest({
      AlternateContact: {
        AlternateContactType: 'SECURITY',
        Name: 'SOC',
        EmailAddress: 'soc@example.com',
        PhoneNumber: '+1-555-0100',
        Title: 'SOC',
      },
    });
  return undefined;
}

function querySns(action, params, region, d) {
  if (action === 'ListTopics')
    return `<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListTopicsResult><Topics>${d.topics.map((t) => `<member><TopicArn>${arn(region, 'sns', t)}</TopicArn></member>`).join('')}</Topics></ListTopicsResult></ListTopicsResponse>`;
  if (action === 'GetTopicAttributes')
    return `<GetTopicAttributesResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><GetTopicAttributesResult><Attributes><entry><key>TopicArn</key><value>${esc(params.get('TopicArn'))}</value></entry><entry><key>KmsMasterKeyId</key><value>alias/aws/sns</value></entry></Attributes></GetTopicAttributesResult></GetTopicAttributesResponse>`;
  if (action === 'DescribeSubnets') return undefined;
  return undefined;
}

const RDS_NS = 'http://rds.amazonaws.com/doc/2014-10-31/';
const ELB_NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
const xmlPage = (list, params, max = 100) => {
  const start = Number(params.get('Marker') ?? 0);
  const size = Number(params.get('MaxRecords') ?? params.get('PageSize') ?? max) || max;
  const items = list.slice(start, start + size);
  return { items, next: start + size < list.length ? String(start + size) : undefined };
};

function queryRds(action, params, region, d) {
  if (action === 'DescribeDBInstances') {
    const p = xmlPage(d.databases, params);
    const db = (x) =>
      `<DBInstance><DBInstanceIdentifier>${x.id}</DBInstanceIdentifier><DBInstanceArn>${arn(region, 'rds', `db:${x.id}`)}</DBInstanceArn>` +
      '<Engine>postgres</Engine><EngineVersion>16.4</EngineVersion><DBInstanceStatus>available</DBInstanceStatus><DBInstanceClass>db.t4g.micro</DBInstanceClass>' +
      '<StorageEncrypted>true</StorageEncrypted><PubliclyAccessible>false</PubliclyAccessible><MultiAZ>true</MultiAZ>' +
      '<BackupRetentionPeriod>7</BackupRetentionPeriod><DeletionProtection>true</DeletionProtection><AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade>' +
      `<DBParameterGroups><DBParameterGroup><DBParameterGroupName>${x.group}</DBParameterGroupName><ParameterApplyStatus>in-sync</ParameterApplyStatus></DBParameterGroup></DBParameterGroups>` +
      '<DBSubnetGroup><DBSubnetGroupName>private</DBSubnetGroupName><VpcId>vpc-1</VpcId></DBSubnetGroup></DBInstance>';
    return `<DescribeDBInstancesResponse xmlns="${RDS_NS}"><DescribeDBInstancesResult><DBInstances>${p.items.map(db).join('')}</DBInstances>${p.next ? `<Marker>${p.next}</Marker>` : ''}</DescribeDBInstancesResult></DescribeDBInstancesResponse>`;
  }
  if (action === 'DescribeDBParameters')
    return `<DescribeDBParametersResponse xmlns="${RDS_NS}"><DescribeDBParametersResult><Parameters><Parameter><ParameterName>rds.force_ssl</ParameterName><ParameterValue>1</ParameterValue><Source>user</Source></Parameter><Parameter><ParameterName>shared_buffers</ParameterName><ParameterValue>128</ParameterValue><Source>engine-default</Source></Parameter></Parameters></DescribeDBParametersResult></DescribeDBParametersResponse>`;
  return undefined;
}

function queryElbv2(action, params, region, d) {
  if (action === 'DescribeLoadBalancers') {
    const p = xmlPage(d.loadBalancers, params, 400);
    const lb = (name) =>
      `<member><LoadBalancerArn>${arn(region, 'elasticloadbalancing', `loadbalancer/app/${name}/0123456789abcdef`)}</LoadBalancerArn>` +
      `<LoadBalancerName>${name}</LoadBalancerName><DNSName>${name}.elb.amazonaws.com</DNSName><Scheme>internet-facing</Scheme><Type>application</Type>` +
      '<State><Code>active</Code></State><VpcId>vpc-1</VpcId><AvailabilityZones><member><ZoneName>az-a</ZoneName><SubnetId>subnet-1</SubnetId></member>' +
      '<member><ZoneName>az-b</ZoneName><SubnetId>subnet-2</SubnetId></member></AvailabilityZones></member>';
    return `<DescribeLoadBalancersResponse xmlns="${ELB_NS}"><DescribeLoadBalancersResult><LoadBalancers>${p.items.map(lb).join('')}</LoadBalancers>${p.next ? `<NextMarker>${p.next}</NextMarker>` : ''}</DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`;
  }
  if (action === 'DescribeListeners')
    return `<DescribeListenersResponse xmlns="${ELB_NS}"><DescribeListenersResult><Listeners><member><ListenerArn>${esc(params.get('LoadBalancerArn'))}/listener/1</ListenerArn><Port>443</Port><Protocol>HTTPS</Protocol><SslPolicy>ELBSecurityPolicy-TLS13-1-2-2021-06</SslPolicy></member></Listeners></DescribeListenersResult></DescribeListenersResponse>`;
  if (action === 'DescribeLoadBalancerAttributes') {
    const attrs = {
      'deletion_protection.enabled': 'true',
      'access_logs.s3.enabled': 'true',
      'routing.http.drop_invalid_header_fields.enabled': 'true',
      'routing.http.desync_mitigation_mode': 'defensive',
    };
    return `<DescribeLoadBalancerAttributesResponse xmlns="${ELB_NS}"><DescribeLoadBalancerAttributesResult><Attributes>${Object.entries(
      attrs,
    )
      .map(([k, v]) => `<member><Key>${k}</Key><Value>${v}</Value></member>`)
      .join(
        '',
      )}</Attributes></DescribeLoadBalancerAttributesResult></DescribeLoadBalancerAttributesResponse>`;
  }
  return undefined;
}

const CF_NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
function restCloudFront(path, params, d) {
  if (path === '/2020-05-31/distribution') {
    const start = Number(params.get('Marker') ?? 0);
    const max = Number(params.get('MaxItems') ?? 100) || 100;
    const items = d.distributions.slice(start, start + max);
    const next = start + max < d.distributions.length ? String(start + max) : undefined;
    const item = (id) =>
      `<DistributionSummary><Id>${id}</Id><ARN>arn:aws:cloudfront::${ACCOUNT}:distribution/${id}</ARN><Status>Deployed</Status>` +
      `<LastModifiedTime>2025-01-01T00:00:00Z</LastModifiedTime><DomainName>${id.toLowerCase()}.cloudfront.net</DomainName><Aliases><Quantity>0</Quantity></Aliases>` +
      `<Origins><Quantity>1</Quantity><Items><Origin><Id>s3</Id><DomainName>${id.toLowerCase()}.s3.amazonaws.com</DomainName><OriginPath></OriginPath>` +
      '<S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity></S3OriginConfig><OriginAccessControlId>E0OAC</OriginAccessControlId></Origin></Items></Origins>' +
      '<OriginGroups><Quantity>0</Quantity></OriginGroups><DefaultCacheBehavior><TargetOriginId>s3</TargetOriginId><ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy></DefaultCacheBehavior>' +
      '<CacheBehaviors><Quantity>0</Quantity></CacheBehaviors><CustomErrorResponses><Quantity>0</Quantity></CustomErrorResponses><Comment></Comment><PriceClass>PriceClass_100</PriceClass>' +
      '<Enabled>true</Enabled><ViewerCertificate><CloudFrontDefaultCertificate>true</CloudFrontDefaultCertificate><MinimumProtocolVersion>TLSv1</MinimumProtocolVersion>' +
      '<CertificateSource>cloudfront</CertificateSource></ViewerCertificate><Restrictions><GeoRestriction><RestrictionType>none</RestrictionType><Quantity>0</Quantity></GeoRestriction></Restrictions>' +
      '<WebACLId></WebACLId><HttpVersion>http2</HttpVersion><IsIPV6Enabled>true</IsIPV6Enabled><Staging>false</Staging></DistributionSummary>';
    return `<DistributionList xmlns="${CF_NS}"><Marker>${start}</Marker>${next ? `<NextMarker>${next}</NextMarker>` : ''}<MaxItems>${max}</MaxItems><IsTruncated>${next ? 'true' : 'false'}</IsTruncated><Quantity>${items.length}</Quantity><Items>${items.map(item).join('')}</Items></DistributionList>`;
  }
  if (/^\/2020-05-31\/distribution\/[^/]+\/config$/.test(path))
    return `<DistributionConfig xmlns="${CF_NS}"><CallerReference>bench</CallerReference><DefaultRootObject>index.html</DefaultRootObject><Logging><Enabled>true</Enabled><IncludeCookies>false</IncludeCookies><Bucket>logs.s3.amazonaws.com</Bucket><Prefix>cdn/</Prefix></Logging><Enabled>true</Enabled><Comment></Comment></DistributionConfig>`;
  return undefined;
}

const EC2_SUBNETS = (params) => {
  const ids = [...params.entries()].filter(([k]) => k.startsWith('SubnetId.')).map(([, v]) => v);
  return `<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><subnetSet>${ids.map((id) => `<item><subnetId>${esc(id)}</subnetId><availabilityZone>az-${esc(id.slice(-1))}</availabilityZone></item>`).join('')}</subnetSet></DescribeSubnetsResponse>`;
};

/** The answer to one request of the shape, or undefined (the server answers 400). */
export function servicesAnswer({ service, region, method, path, search = '', target, body }, d) {
  if (target) {
    const action = target.slice(target.lastIndexOf('.') + 1);
    return jsonService(service, action, body ? JSON.parse(body) : {}, region, d);
  }
  const form = new URLSearchParams(body);
  if (service === 'sns') {
    const xml = querySns(form.get('Action'), form, region, d);
    return xml ? { status: 200, type: 'text/xml', body: xml } : undefined;
  }
  if (service === 'rds' || service === 'elasticloadbalancing') {
    const xml = (service === 'rds' ? queryRds : queryElbv2)(form.get('Action'), form, region, d);
    return xml ? { status: 200, type: 'text/xml', body: xml } : undefined;
  }
  if (service === 'cloudfront' && method === 'GET') {
    const xml = restCloudFront(path, new URLSearchParams(search), d);
    return xml ? { status: 200, type: 'text/xml', body: xml, headers: { etag: 'E0BENCH' } } : undefined;
  }
  if (service === 'ec2' && form.get('Action') === 'DescribeSubnets')
    return { status: 200, type: 'text/xml', body: EC2_SUBNETS(form) };
  return restService(service, method, path, region, d);
}

/** A local endpoint for the shape, with `latencyMs` added to every answer. */
export async function startServicesServer(data, latencyMs) {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
        req.headers.authorization ?? '',
      );
      const [region, service] = m ? [m[1], m[2]] : ['us-east-1', 'unknown'];
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      let reply;
      if (service === 'sts')
        reply = {
          status: 200,
          type: 'text/xml',
          body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/bench</Arn><UserId>AIDABENCH</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`,
        };
      else
        reply = servicesAnswer(
          {
            service,
            region,
            method: req.method,
            path: url.pathname,
            search: url.search,
            target: String(req.headers['x-amz-target'] ?? ''),
            body,
          },
          data,
        );
      reply ??= {
        status: 400,
        type: 'application/json',
        body: '{"message":"bench server: not served"}',
        headers: { 'x-amzn-errortype': 'InvalidAction' },
      };
      setTimeout(() => {
        res.writeHead(reply.status, {
          'content-type': reply.type,
          'content-length': Buffer.byteLength(reply.body),
          ...(reply.headers ?? {}),
        });
        res.end(reply.body);
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  data.endpoint = `http://127.0.0.1:${server.address().port}`;
  return server;
}
