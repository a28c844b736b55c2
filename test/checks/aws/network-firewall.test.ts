import deletion from '../../../src/checks/aws/network_firewall/firewall-deletion-protection.js';
import logging from '../../../src/checks/aws/network_firewall/firewall-logging-enabled.js';
import multiAz from '../../../src/checks/aws/network_firewall/firewall-multi-az.js';
import subnetChange from '../../../src/checks/aws/network_firewall/firewall-subnet-change-protection.js';
import ruleGroups from '../../../src/checks/aws/network_firewall/policy-has-rule-groups.js';
import fullDefault from '../../../src/checks/aws/network_firewall/policy-stateless-default-drop.js';
import fragmentDefault from '../../../src/checks/aws/network_firewall/policy-stateless-fragment-default-drop.js';
import statelessNotEmpty from '../../../src/checks/aws/network_firewall/stateless-rule-group-not-empty.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const fw = (ext: Record<string, unknown>) =>
  rec(
    'aws.network_firewall.firewall',
    {
      subnet_zones: ['eu-west-1a', 'eu-west-1b'],
      delete_protection: true,
      subnet_change_protection: true,
      log_types: ['ALERT', 'FLOW'],
      ...ext,
    },
    { name: 'egress' },
  );
const denied = { unknown_facts: { firewall: 'AccessDeniedException', logging: 'AccessDeniedException' } };

checkTester(multiAz, {
  pass: [{ name: 'two zones', input: fw({}) }],
  fail: [{ name: 'one zone', input: fw({ subnet_zones: ['eu-west-1a'] }) }],
  error: [{ name: 'unreadable', input: fw({ subnet_zones: null, ...denied }), message: 'AccessDenied' }],
});
checkTester(logging, {
  pass: [{ name: 'alert and flow', input: fw({}) }],
  fail: [{ name: 'none', input: fw({ log_types: [] }) }],
  error: [{ name: 'unreadable', input: fw({ log_types: null, ...denied }), message: 'AccessDenied' }],
});
checkTester(deletion, {
  pass: [{ name: 'on', input: fw({}) }],
  fail: [{ name: 'off', input: fw({ delete_protection: false }) }],
  error: [{ name: 'unreadable', input: fw({ delete_protection: null }) }],
});
checkTester(subnetChange, {
  pass: [{ name: 'on', input: fw({}) }],
  fail: [{ name: 'off', input: fw({ subnet_change_protection: false }) }],
  error: [{ name: 'unreadable', input: fw({ subnet_change_protection: null }) }],
});

const policy = (ext: Record<string, unknown>) =>
  rec(
    'aws.network_firewall.policy',
    {
      stateless_rule_groups: [],
      stateful_rule_groups: [
        'arn:aws:network-firewall:eu-west-1:aws-managed:stateful-rulegroup/ThreatSignaturesBotnet',
      ],
      stateless_default_actions: ['aws:forward_to_sfe'],
      stateless_fragment_default_actions: ['aws:drop'],
      ...ext,
    },
    { name: 'egress-policy' },
  );
checkTester(ruleGroups, {
  pass: [{ name: 'stateful group', input: policy({}) }],
  fail: [{ name: 'none', input: policy({ stateful_rule_groups: [] }) }],
  error: [{ name: 'unreadable', input: policy({ stateless_rule_groups: null, stateful_rule_groups: null }) }],
});
checkTester(fullDefault, {
  pass: [
    { name: 'forward', input: policy({}) },
    { name: 'drop', input: policy({ stateless_default_actions: ['aws:drop'] }) },
  ],
  fail: [{ name: 'pass', input: policy({ stateless_default_actions: ['aws:pass'] }), message: 'aws:pass' }],
  error: [{ name: 'unreadable', input: policy({ stateless_default_actions: null }) }],
});
checkTester(fragmentDefault, {
  pass: [{ name: 'drop', input: policy({}) }],
  fail: [{ name: 'pass', input: policy({ stateless_fragment_default_actions: ['aws:pass'] }) }],
  error: [{ name: 'unreadable', input: policy({ stateless_fragment_default_actions: null }) }],
});

const group = (ext: Record<string, unknown>) =>
  rec(
    'aws.network_firewall.rule_group',
    { rule_group_type: 'STATELESS', stateless_rule_count: 3, ...ext },
    { name: 'allow-dns' },
  );
checkTester(statelessNotEmpty, {
  pass: [{ name: 'three rules', input: group({}) }],
  fail: [{ name: 'empty', input: group({ stateless_rule_count: 0 }), message: 'no rules' }],
  error: [
    {
      name: 'unreadable',
      input: group({
        rule_group_type: null,
        stateless_rule_count: null,
        unknown_facts: { ruleGroup: 'ThrottlingException' },
      }),
      message: 'Throttling',
    },
  ],
  not_applicable: [
    { name: 'stateful', input: group({ rule_group_type: 'STATEFUL', stateless_rule_count: 0 }) },
  ],
});
