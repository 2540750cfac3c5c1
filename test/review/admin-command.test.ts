import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { announceStack, runtimeOn, startEmbeddedStack } from '../../functions/local/embedded-stack.js';
import { readConfig } from '../../shared/config.js';
import { addAccount, resolveSession, signIn } from '../../shared/review/accounts.js';
import { ACCOUNTS_SCOPE } from '../../shared/review/model.js';
import { DynamoDbReviewStore } from '../../shared/stores/review-dynamodb.js';
import { PASSWORD, type ReviewFixture, reviewFixture, TEST_COST, tokenFor } from './support.js';

/** `npm run admin -- ARGS` as a person runs it, against the data under dataDir. */
function admin(
  dataDir: string,
  tableName: string,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--openssl-legacy-provider', '--import', 'tsx', 'scripts/admin.ts', ...args],
      { env: { ...process.env, DATA_DIR: dataDir, TABLE_NAME: tableName, LOG_LEVEL: 'SILENT' } },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.once('error', fail);
    child.once('exit', (code) => done({ code, out, err }));
  });
}

const printedPassword = (out: string) => out.match(/[Pp]assword(?: for \S+)?: (\S+)/)?.[1] ?? '';

const signInDeps = (fx: ReviewFixture) => ({
  reviews: fx.review.reviews,
  now: () => new Date(),
  passwordCost: TEST_COST,
});

describe('npm run admin with npm start running', () => {
  let fx: ReviewFixture;
  let dataDir: string;

  beforeAll(async () => {
    fx = await reviewFixture();
    dataDir = await mkdtemp(join(tmpdir(), 'gcm-admin-'));
    // The command finds the test's servers the way it finds a running `npm start`.
    await announceStack(dataDir, {
      pid: process.pid,
      appUrl: 'http://localhost',
      dynamoEndpoint: inject('dynamoEndpoint'),
      s3Endpoint: inject('s3Endpoint'),
    });
  });
  afterAll(async () => {
    fx.runtime.dynamo.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reset-password prints a new password once, which signs in, and ends the sessions begun before', async () => {
    const token = await tokenFor(fx, 'lost@example.org', 'admin');
    const table = fx.runtime.config.TABLE_NAME;
    const result = await admin(dataDir, table, 'reset-password', 'Lost@Example.org');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const password = printedPassword(result.out);
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(result.out).toContain('lost@example.org');

    const deps = signInDeps(fx);
    await expect(signIn(deps, { email: 'lost@example.org', password: PASSWORD }, 'bearer')).rejects.toThrow();
    const fresh = await signIn(deps, { email: 'lost@example.org', password }, 'bearer');
    expect(fresh.principal.role).toBe('admin');
    expect(await resolveSession(deps, token, 'bearer')).toBeUndefined();
    expect(await resolveSession(deps, fresh.token, 'bearer')).toBeDefined();

    const log = await fx.review.reviews.listAuditLog(ACCOUNTS_SCOPE, new Date().toISOString().slice(0, 10));
    expect(log.map((e) => [e.action, e.account, e.actor])).toContainEqual([
      'password_reset',
      'lost@example.org',
      'command line',
    ]);
  }, 120_000);

  it('add makes an account with the role asked for, and disable stops it signing in', async () => {
    const table = fx.runtime.config.TABLE_NAME;
    const added = await admin(dataDir, table, 'add', 'new@example.org', '--role', 'admin');
    expect(added.code).toBe(0);
    const password = printedPassword(added.out);
    const deps = signInDeps(fx);
    const session = await signIn(deps, { email: 'new@example.org', password }, 'bearer');
    expect(session.principal.role).toBe('admin');

    expect((await admin(dataDir, table, 'add', 'new@example.org')).code).toBe(1);
    const disabled = await admin(dataDir, table, 'disable', 'new@example.org');
    expect(disabled.code).toBe(0);
    expect(disabled.out).toContain('disabled');
    expect(await resolveSession(deps, session.token, 'bearer')).toBeUndefined();
    await expect(signIn(deps, { email: 'new@example.org', password }, 'bearer')).rejects.toThrow();
  }, 120_000);

  it('says so when the account does not exist or the command is wrong', async () => {
    const table = fx.runtime.config.TABLE_NAME;
    const missing = await admin(dataDir, table, 'reset-password', 'nobody@example.org');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('There is no account nobody@example.org');
    const wrong = await admin(dataDir, table, 'delete', 'x@example.org');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Usage: npm run admin');
  }, 120_000);
});

describe('npm run admin without npm start', () => {
  it('opens the data directory itself and resets the password stored there', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gcm-admin-alone-'));
    const config = readConfig({ ...process.env, DATA_DIR: dataDir, TABLE_NAME: 'admin-alone' });
    const open = async () => {
      const stack = await startEmbeddedStack({ dataDir });
      const runtime = await runtimeOn(stack, config);
      const reviews = new DynamoDbReviewStore(runtime.dynamo, config.TABLE_NAME);
      return {
        reviews,
        close: async () => {
          runtime.dynamo.destroy();
          runtime.s3.destroy();
          await stack.stop();
        },
      };
    };
    try {
      const before = await open();
      await addAccount(
        { reviews: before.reviews, now: () => new Date(), passwordCost: TEST_COST },
        { email: 'setup@example.org', role: 'admin', via: 'bearer' },
        { email: 'head@example.org', role: 'admin', password: PASSWORD },
      );
      await before.close();

      const result = await admin(dataDir, config.TABLE_NAME, 'reset-password', 'head@example.org');
      expect(result.code).toBe(0);
      const password = printedPassword(result.out);

      const after = await open();
      try {
        const session = await signIn(
          { reviews: after.reviews, now: () => new Date() },
          { email: 'head@example.org', password },
          'bearer',
        );
        expect(session.principal.email).toBe('head@example.org');
      } finally {
        await after.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
