import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AuthenticationError, ForbiddenError, StateConflictError, ValidationError } from '../errors.js';
import { sha256 } from '../intake.js';
import type { ReviewStore } from '../stores/ports.js';
import { parseOrThrow } from '../validation.js';
import { auditEntry } from './audit.js';
import { ACCOUNTS_SCOPE, type Account, type Principal, ROLES, type Role } from './model.js';
import {
  generatePassword,
  hashPassword,
  PASSWORD_COST,
  PASSWORD_LENGTH,
  type ScryptCost,
  verifyPassword,
} from './passwords.js';

/**
 * Accounts and sign-in for the secretariat.
 *
 * A session token is 256 random bits; the table keeps only its SHA-256, so a read of the table
 * does not hand out sessions. Every request reads the account again, so disabling an account
 * ends its sessions at once.
 */
export interface AccountDeps {
  reviews: ReviewStore;
  now: () => Date;
  /** Lowered only by tests, which hash dozens of passwords. */
  passwordCost?: ScryptCost;
}

export const SESSION_HOURS = 8;

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const newAccountSchema = z.strictObject({
  email: emailSchema,
  role: z.enum(ROLES),
  password: z.string().optional(),
});

export const signInSchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(PASSWORD_LENGTH.max),
});

function checkPasswordLength(password: string, path = 'password') {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max)
    throw new ValidationError([
      { path, code: 'password_length', params: { min: PASSWORD_LENGTH.min, count: PASSWORD_LENGTH.max } },
    ]);
}

/** Ties a form post to the cookie session that loaded the form, without storing anything more. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('csrf').digest('base64url');
}

export function isCsrfTokenValid(sessionToken: string, offered: string | undefined): boolean {
  if (!offered) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(offered);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const decoys = new Map<number, Promise<string>>();
/** A hash to check wrong e-mails against, so an unknown address takes as long as a wrong password. */
function decoyHash(cost: ScryptCost): Promise<string> {
  let decoy = decoys.get(cost.N);
  if (!decoy) {
    decoy = hashPassword(generatePassword(), cost);
    decoys.set(cost.N, decoy);
  }
  return decoy;
}

export async function signIn(
  deps: AccountDeps,
  body: unknown,
  kind: 'cookie' | 'bearer',
): Promise<{ token: string; expiresAt: string; principal: Principal }> {
  const { email, password } = parseOrThrow(signInSchema, body);
  const account = await deps.reviews.getAccount(email);
  const hash = account?.passwordHash ?? (await decoyHash(deps.passwordCost ?? PASSWORD_COST));
  const matches = await verifyPassword(password, hash);
  if (!account || account.disabled || !matches) throw new AuthenticationError('invalid_credentials');

  const now = deps.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await deps.reviews.createSession({
    tokenHash: sha256(token),
    email: account.email,
    kind,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token, expiresAt, principal: principalOf(account, kind, token) };
}

function principalOf(account: Account, via: 'cookie' | 'bearer', token: string): Principal {
  return {
    email: account.email,
    role: account.role,
    via,
    ...(via === 'cookie' ? { csrfToken: csrfTokenFor(token) } : {}),
  };
}

/** The person a session token stands for, or undefined when it is unknown, expired or disabled. */
export async function resolveSession(
  deps: AccountDeps,
  token: string,
  via: 'cookie' | 'bearer',
): Promise<Principal | undefined> {
  const session = await deps.reviews.getSession(sha256(token));
  // A cookie session must not work as a bearer token or the other way round: only cookie posts carry CSRF checks.
  if (!session || session.kind !== via || session.expiresAt <= deps.now().toISOString()) return undefined;
  const account = await deps.reviews.getAccount(session.email);
  if (!account || account.disabled) return undefined;
  // A reset password is often a leaked one: whoever signed in with it before loses the session.
  if (account.passwordChangedAt && session.createdAt < account.passwordChangedAt) return undefined;
  return principalOf(account, via, token);
}

export async function signOut(deps: AccountDeps, token: string): Promise<void> {
  await deps.reviews.deleteSession(sha256(token));
}

export function requireRole(principal: Principal | undefined, role: Role): Principal {
  if (!principal) throw new AuthenticationError('required');
  if (role === 'admin' && principal.role !== 'admin') throw new ForbiddenError();
  return principal;
}

/** Adds an account; without a password one is generated and returned, to be shown once. */
export async function addAccount(
  deps: AccountDeps,
  actor: Principal,
  body: unknown,
): Promise<{ account: Account; generatedPassword?: string }> {
  const input = parseOrThrow(newAccountSchema, body);
  const generatedPassword = input.password ? undefined : generatePassword();
  const password = input.password ?? (generatedPassword as string);
  checkPasswordLength(password);
  const now = deps.now();
  const at = now.toISOString();
  const account: Account = {
    email: input.email,
    role: input.role,
    passwordHash: await hashPassword(password, deps.passwordCost),
    disabled: false,
    createdAt: at,
    createdBy: actor.email,
    updatedAt: at,
  };
  if ((await deps.reviews.createAccount(account)) === 'exists')
    throw new StateConflictError('account_exists');
  await deps.reviews.appendAudit(
    auditEntry(
      {
        at,
        actor: actor.email,
        scope: ACCOUNTS_SCOPE,
        action: 'account_created',
        account: account.email,
        before: {},
        after: { role: account.role },
      },
      now,
    ),
  );
  return { account, ...(generatedPassword ? { generatedPassword } : {}) };
}

export async function setAccountDisabled(
  deps: AccountDeps,
  actor: Principal,
  email: string,
  disabled: boolean,
): Promise<Account> {
  const target = email.trim().toLowerCase();
  if (target === actor.email) throw new ValidationError([{ path: 'disabled', code: 'own_account' }]);
  const now = deps.now();
  const account = await deps.reviews.setAccountDisabled(target, disabled, now.toISOString());
  await deps.reviews.appendAudit(
    auditEntry(
      {
        at: now.toISOString(),
        actor: actor.email,
        scope: ACCOUNTS_SCOPE,
        action: disabled ? 'account_disabled' : 'account_enabled',
        account: target,
        before: { disabled: !disabled },
        after: { disabled },
      },
      now,
    ),
  );
  return account;
}

/** Gives an account a new generated password, to be shown once; sessions begun before it end. */
export async function resetPassword(
  deps: AccountDeps,
  actor: Principal,
  email: string,
): Promise<{ account: Account; password: string }> {
  const target = email.trim().toLowerCase();
  const password = generatePassword();
  const now = deps.now();
  const at = now.toISOString();
  const account = await deps.reviews.setAccountPassword(
    target,
    await hashPassword(password, deps.passwordCost),
    at,
  );
  await deps.reviews.appendAudit(
    auditEntry(
      {
        at,
        actor: actor.email,
        scope: ACCOUNTS_SCOPE,
        action: 'password_reset',
        account: target,
        before: {},
        after: {},
      },
      now,
    ),
  );
  return { account, password };
}

/**
 * `npm start` on an empty table: the first admin, from SECRETARIAT_EMAIL and SECRETARIAT_PASSWORD,
 * or with a generated password. Answers the lines to print once, or nothing when accounts exist.
 */
export async function ensureFirstAdmin(
  deps: AccountDeps,
  settings: { email?: string; password?: string | (() => Promise<string>) },
): Promise<string[] | undefined> {
  if ((await deps.reviews.listAccounts()).length > 0) return undefined;
  const email = settings.email ?? 'admin@localhost.test';
  const system: Principal = { email: 'system', role: 'admin', via: 'bearer' };
  // A function is only called when an admin must be made: on AWS it reads a secret, once per deployment.
  const password = typeof settings.password === 'function' ? await settings.password() : settings.password;
  try {
    const { account, generatedPassword } = await addAccount(deps, system, {
      email,
      role: 'admin',
      ...(password ? { password } : {}),
    });
    return [
      `  Secretariat admin    ${account.email}`,
      generatedPassword
        ? `  Its password         ${generatedPassword}  (shown this once; set SECRETARIAT_PASSWORD to choose one)`
        : '  Its password         the one it was given (SECRETARIAT_PASSWORD, or the deployment secret)',
    ];
  } catch (error) {
    // Two starts racing on an empty table: the other one created the admin.
    if (error instanceof StateConflictError) return undefined;
    throw error;
  }
}
