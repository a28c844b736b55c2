import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 20000,
    globalSetup: ['test/global-setup.ts'],
    // rule loads cache their parses (src/detect/sigma/parse-cache.ts): in the temporary folder, not the user's
    env: { CLOUDWARD_CACHE_DIR: join(tmpdir(), 'cloudward-test-cache') },
    coverage: { provider: 'v8', include: ['src/**'], reporter: ['text-summary', 'html'] },
  },
});
