import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_requires_tls',
  title: 'Redshift clusters refuse connections without TLS',
  severity: 'medium',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description:
    'The require_ssl parameter of the cluster parameter group is off, so clients may connect without TLS.',
  risk: 'Queries, results and credentials cross the network in the clear.',
  remediation: {
    text: 'Set require_ssl to true in a custom parameter group of the cluster.',
    cli: 'aws redshift modify-cluster-parameter-group --parameter-group-name <group> --parameters ParameterName=require_ssl,ParameterValue=true',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html'],
  evaluate(cluster) {
    return settingOn(cluster, 'require_ssl', {
      on: 'require_ssl is on',
      off: `${cluster.com.name} accepts unencrypted connections (require_ssl off)`,
      unknown: 'the require_ssl parameter is unreadable',
      why: ['parameters'],
    });
  },
});
