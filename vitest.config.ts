import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/global-setup.ts'],
    // s3rver answers paged listings with a 500 unless Node has OpenSSL's legacy provider.
    execArgv: ['--openssl-legacy-provider'],
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'eu-west-1',
      LOG_LEVEL: 'SILENT',
      POWERTOOLS_DEV: 'false',
    },
    // Only a guard against a hang, not a speed limit: a busy machine (CI right after a session, several suites at
    // once) made tests that were right fail on the clock. No test asserts on wall-clock time.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Two cores: more workers than that only queue behind each other and the embedded servers.
    maxWorkers: 2,
  },
});
