import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRuleDirs } from '../../../src/detect/sigma/loader.js';
import { type ParsedFile, parseRuleText } from '../../../src/detect/sigma/parse.js';
import { defaultCacheDir, RuleParseCache, sha256 } from '../../../src/detect/sigma/parse-cache.js';

const rule = (title: string, eventName: string): string => `title: ${title}
id: 5d0c6a44-0000-4000-8000-00000000000${title.length % 10}
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName: ${eventName}
  condition: selection
`;

describe('rule parse cache', () => {
  let dir: string;
  let rules: string;
  let cache: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cloudward-parse-cache-'));
    rules = join(dir, 'rules');
    cache = join(dir, 'cache');
    await import('node:fs/promises').then((fs) => fs.mkdir(rules));
    await writeFile(join(rules, 'stop.yml'), rule('Trail stopped', 'StopLogging'));
    await writeFile(join(rules, 'broken.yml'), 'title: [unclosed\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Parses through the cache, counting the parses it could not answer itself. */
  async function parseAll(files: Record<string, string>): Promise<{ parses: number; out: ParsedFile[] }> {
    const c = await RuleParseCache.open(cache, [rules]);
    let parses = 0;
    const counting = (text: string, file: string): ParsedFile => {
      parses++;
      return parseRuleText(text, file);
    };
    const out = Object.entries(files).map(([file, text]) => c.parse(text, file, counting));
    await c.save();
    return { parses, out };
  }

  const cacheFile = async (): Promise<string> => {
    const [name] = await readdir(cache);
    return join(cache, name!);
  };

  it('answers a second load without parsing, with the same documents and errors', async () => {
    const files = { 'a.yml': rule('Trail stopped', 'StopLogging'), 'b.yml': 'title: [unclosed\n' };
    const first = await parseAll(files);
    expect(first.parses).toBe(2);
    const second = await parseAll(files);
    expect(second.parses).toBe(0);
    expect(second.out).toEqual(first.out);
    // the path is the reader's, not stored in the cache
    expect(second.out[0]!.documents[0]!.meta.file).toBe('a.yml');
    expect(second.out[1]!.errors[0]!.file).toBe('b.yml');
    const copy = await parseAll({ 'copy.yml': files['a.yml'] });
    expect(copy.parses).toBe(0);
    expect(copy.out[0]!.documents[0]!.meta.file).toBe('copy.yml');
  });

  it('loads rule directories the same with and without the cache', async () => {
    const plain = await loadRuleDirs([rules]);
    const cold = await loadRuleDirs([rules], { cacheDir: cache });
    const warm = await loadRuleDirs([rules], { cacheDir: cache });
    const view = (r: typeof plain) => ({
      rules: r.rules.map((x) => [
        x.meta.file,
        x.meta.title,
        x.kind === 'detection' && x.match({ eventName: 'StopLogging' }),
      ]),
      errors: r.errors,
    });
    expect(view(cold)).toEqual(view(plain));
    expect(view(warm)).toEqual(view(plain));
    expect(plain.rules).toHaveLength(1);
    expect(plain.errors[0]!.file).toBe(join(rules, 'broken.yml'));
  });

  it('a changed rule file is parsed again', async () => {
    await loadRuleDirs([rules], { cacheDir: cache });
    await writeFile(join(rules, 'stop.yml'), rule('Trail deleted', 'DeleteTrail'));
    const { rules: loaded } = await loadRuleDirs([rules], { cacheDir: cache });
    expect(loaded.map((r) => r.meta.title)).toEqual(['Trail deleted']);
    const d = loaded[0]!;
    expect(d.kind === 'detection' && d.match({ eventName: 'DeleteTrail' })).toBe(true);
    expect(d.kind === 'detection' && d.match({ eventName: 'StopLogging' })).toBe(false);
  });

  it('ignores a damaged cache and writes a sound one', async () => {
    const files = { 'a.yml': rule('Trail stopped', 'StopLogging') };
    await parseAll(files);
    const path = await cacheFile();
    const text = await readFile(path, 'utf8');
    // truncated
    await writeFile(path, text.slice(0, text.length - 10));
    expect((await parseAll(files)).parses).toBe(1);
    expect((await parseAll(files)).parses).toBe(0);
    // altered body, old checksum
    await writeFile(path, text.replace('StopLogging', 'DeleteTrail'));
    const altered = await parseAll(files);
    expect(altered.parses).toBe(1);
    expect(
      altered.out[0]!.documents[0]!.kind === 'detection' && altered.out[0]!.documents[0]!.detection,
    ).toEqual({
      selection: { eventName: 'StopLogging' },
      condition: 'selection',
    });
    // not JSON at all
    await writeFile(path, 'garbage');
    expect((await parseAll(files)).parses).toBe(1);
  });

  it('parses again an entry whose checksum holds but whose shape is not a parse', async () => {
    const files = { 'a.yml': rule('Trail stopped', 'StopLogging') };
    await parseAll(files);
    const path = await cacheFile();
    const text = await readFile(path, 'utf8');
    const header = text.slice(0, text.indexOf('\n')).split(' ');
    const body = JSON.stringify({
      [sha256(files['a.yml'])]: { documents: [{ kind: 'detection' }], errors: [] },
    });
    header[header.length - 1] = sha256(body);
    await writeFile(path, `${header.join(' ')}\n${body}`);
    const again = await parseAll(files);
    expect(again.parses).toBe(1);
    expect(again.out[0]!.documents[0]!.meta.title).toBe('Trail stopped');
  });

  it('loads without a cache when the cache directory cannot be written', async () => {
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, 'not a directory');
    const { rules: loaded } = await loadRuleDirs([rules], { cacheDir: join(blocked, 'cache') });
    expect(loaded.map((r) => r.meta.title)).toEqual(['Trail stopped']);
  });

  it('lives under CLOUDWARD_CACHE_DIR, else the XDG cache directory', () => {
    expect(defaultCacheDir({ CLOUDWARD_CACHE_DIR: '/x/c' })).toBe('/x/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x/xdg' })).toBe(join('/x/xdg', 'cloudward'));
  });
});
