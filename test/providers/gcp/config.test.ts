import { describe, expect, it } from 'vitest';
import { parseGcpProviderConfig } from '../../../src/providers/gcp/config.js';
import { GcpConfigError } from '../../../src/providers/gcp/errors.js';

describe('gcp provider options', () => {
  it('defaults to every project the credential can see', () => {
    expect(parseGcpProviderConfig({ type: 'gcp' })).toMatchObject({
      projects: 'all',
      max_concurrency: 16,
      max_attempts: 6,
      request_timeout_ms: 30_000,
    });
  });

  it('takes an organisation or folders as numbers, with or without their prefix', () => {
    expect(
      parseGcpProviderConfig({ type: 'gcp', organization: 'organizations/123456789012' }).organization,
    ).toBe('123456789012');
    expect(parseGcpProviderConfig({ type: 'gcp', folders: ['folders/42', '43'] }).folders).toEqual([
      '42',
      '43',
    ]);
  });

  it('names every bad field, with where it is', () => {
    let message = '';
    try {
      parseGcpProviderConfig(
        {
          type: 'gcp',
          projects: ['Shop_Prod'],
          organization: 'example.com',
          include: ['a b'],
          colour: 'red',
        },
        'providers.prod-gcp',
      );
    } catch (e) {
      expect(e).toBeInstanceOf(GcpConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('providers.prod-gcp.projects[0]: a project id');
    expect(message).toContain('providers.prod-gcp.organization: an organization id is a number');
    expect(message).toContain('providers.prod-gcp.include[0]');
    expect(message).toContain('colour');
  });

  it('refuses two ways of choosing projects at once', () => {
    expect(() => parseGcpProviderConfig({ type: 'gcp', projects: ['shop-prod'], organization: '1' })).toThrow(
      /give one of: a projects list, an organization, folders/,
    );
  });

  it('accepts per-API quotas, endpoints and a universe', () => {
    const cfg = parseGcpProviderConfig({
      type: 'gcp',
      requests_per_minute: { compute: 3000 },
      endpoints: { compute: 'https://compute-psc.p.googleapis.com/' },
      universe_domain: 'sovereign.example',
      projects: ['example.com:legacy-proj', 'shop-prod'],
    });
    expect(cfg.requests_per_minute).toEqual({ compute: 3000 });
    expect(cfg.projects).toEqual(['example.com:legacy-proj', 'shop-prod']);
  });
});
