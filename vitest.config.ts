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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers than that only queue behind each other and the embedded servers.
    maxWorkers: 2,
  },
});
