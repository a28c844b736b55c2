import { describe, expect, it } from 'vitest';
import { resourceKey, resourceKeys } from '../../src/core/resource-identity.js';

/** One resource, whatever form of its id a detector or a Cloudward record gives. */

const same = (a: string, b: string) => expect(resourceKey(a), `${a} vs ${b}`).toBe(resourceKey(b));
const differ = (a: string, b: string) => expect(resourceKey(a), `${a} vs ${b}`).not.toBe(resourceKey(b));

describe('resource identity across id forms', () => {
  it('AWS: a bucket by ARN, by an object in it, or by its typed id', () => {
    same('arn:aws:s3:::acme-public', 'AWS::S3::Bucket:acme-public');
    same('arn:aws:s3:::acme-public', 'arn:aws:s3:::acme-public/index.html');
    differ('arn:aws:s3:::acme-public', 'arn:aws:s3:::acme-private');
  });

  it('AWS: an IAM role with or without its path, in any case; a function with its version', () => {
    same('arn:aws:iam::111122223333:role/service-role/Deployer', 'arn:aws:iam::111122223333:role/deployer');
    differ('arn:aws:iam::111122223333:role/deployer', 'arn:aws:iam::444455556666:role/deployer');
    differ('arn:aws:iam::111122223333:role/deployer', 'arn:aws:iam::111122223333:user/deployer');
    same(
      'arn:aws:lambda:us-east-1:111122223333:function:orders-api:7',
      'arn:aws:lambda:us-east-1:111122223333:function:orders-api',
    );
    same(
      'https://sqs.us-east-1.amazonaws.com/111122223333/orders',
      'arn:aws:sqs:us-east-1:111122223333:orders',
    );
    same('arn:aws:ec2:us-east-1:111122223333:snapshot/snap-1', 'arn:aws:ec2:us-east-1::snapshot/snap-1');
  });

  it('AWS: the account, its root user and its account-wide settings are one', () => {
    same('AWS::::Account:111122223333', 'arn:aws:iam::111122223333:root');
    same('AWS::::Account:111122223333', 'arn:aws:iam::111122223333:account-password-policy');
    same('AWS::::Account:111122223333', 'arn:aws:s3::111122223333:account-public-access-block');
    differ('AWS::::Account:111122223333', 'AWS::::Account:444455556666');
    // a check about the whole account names it by cloud and account
    same('AWS::::Account:111122223333', 'aws:111122223333');
    same('/subscriptions/0D3E', 'azure:0d3e');
    same('//cloudresourcemanager.googleapis.com/projects/demo', 'gcp:demo');
  });

  it('Azure: resource ids compare without case; Defender settings are the subscription', () => {
    same(
      '/subscriptions/0D3E/resourceGroups/Web-RG/providers/Microsoft.Storage/storageAccounts/acmepubliccdn',
      '/subscriptions/0d3e/resourcegroups/web-rg/providers/microsoft.storage/storageaccounts/acmepubliccdn/',
    );
    same('/subscriptions/0d3e', '/subscriptions/0d3e/providers/Microsoft.Security/pricings/VirtualMachines');
    differ('/subscriptions/0d3e', '/subscriptions/0d3f');
  });

  it('GCP: full resource names and self links of one resource', () => {
    same('//storage.googleapis.com/acme-assets', 'https://www.googleapis.com/storage/v1/b/acme-assets');
    same(
      '//compute.googleapis.com/projects/demo/global/firewalls/allow-ssh',
      'https://www.googleapis.com/compute/v1/projects/demo/global/firewalls/allow-ssh',
    );
    same(
      '//cloudsql.googleapis.com/projects/demo/instances/orders-db',
      'https://sqladmin.googleapis.com/sql/v1beta4/projects/demo/instances/orders-db',
    );
    same(
      '//bigquery.googleapis.com/projects/demo/datasets/public_reports',
      'https://bigquery.googleapis.com/bigquery/v2/projects/demo/datasets/public_reports',
    );
    same(
      '//cloudresourcemanager.googleapis.com/projects/demo',
      'https://www.googleapis.com/compute/v1/projects/demo',
    );
    differ('//storage.googleapis.com/acme-assets', '//storage.googleapis.com/acme-backups');
  });

  it('a part of a resource also stands for the resource it is part of', () => {
    const rule = 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1#inbound/tcp:22/0.0.0.0/0';
    expect(resourceKeys(rule)).toContain(
      resourceKey('arn:aws:ec2:us-east-1:111122223333:security-group/sg-1'),
    );
    expect(resourceKeys('arn:aws:iam::111122223333:root#credentials')).toContain(
      resourceKey('AWS::::Account:111122223333'),
    );
  });
});
