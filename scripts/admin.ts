import { withLocalRuntime } from '../functions/local/connect.js';
import { NotFoundError, StateConflictError, ValidationError } from '../shared/errors.js';
import { addAccount, resetPassword, setAccountDisabled } from '../shared/review/accounts.js';
import { type Principal, ROLES } from '../shared/review/model.js';
import { DynamoDbReviewStore } from '../shared/stores/review-dynamodb.js';

/**
 * `npm run admin -- COMMAND EMAIL`: the secretariat's accounts from the machine that holds the data,
 * for when nobody can sign in (the first admin's password was printed once and lost). Goes through a
 * running `npm start` when there is one, or opens DATA_DIR itself.
 */
const USAGE = [
  'Usage: npm run admin -- COMMAND EMAIL',
  '  reset-password EMAIL            a new password for the account, printed once; its sessions end',
  `  add EMAIL [--role ${ROLES.join('|')}]   a new account (reviewer unless told), its password printed once`,
  '  disable EMAIL                   the account can no longer sign in; its sessions end',
  '  enable EMAIL                    the account can sign in again',
].join('\n');

// Recorded in the audit log as the one who made the change.
const COMMAND_LINE: Principal = { email: 'command line', role: 'admin', via: 'bearer' };

function roleOf(args: string[]): string {
  const at = args.indexOf('--role');
  return at === -1 ? 'reviewer' : (args[at + 1] ?? '');
}

const [command, email, ...rest] = process.argv.slice(2);
if (!command || !email || !['reset-password', 'add', 'disable', 'enable'].includes(command)) {
  console.error(USAGE);
  process.exit(2);
}

try {
  const lines = await withLocalRuntime(async (runtime) => {
    const deps = {
      reviews: new DynamoDbReviewStore(runtime.dynamo, runtime.config.TABLE_NAME),
      now: () => new Date(),
    };
    switch (command) {
      case 'reset-password': {
        const { account, password } = await resetPassword(deps, COMMAND_LINE, email);
        return [`New password for ${account.email}: ${password}`, 'It is shown only this once.'];
      }
      case 'add': {
        const { account, generatedPassword } = await addAccount(deps, COMMAND_LINE, {
          email,
          role: roleOf(rest),
        });
        return [
          `Added ${account.email} (${account.role}). Password: ${generatedPassword}`,
          'It is shown only this once.',
        ];
      }
      default: {
        const account = await setAccountDisabled(deps, COMMAND_LINE, email, command === 'disable');
        return [`${account.email} is ${account.disabled ? 'disabled' : 'enabled'}.`];
      }
    }
  });
  console.log(lines.join('\n'));
} catch (error) {
  if (error instanceof NotFoundError) console.error(`There is no account ${email.trim().toLowerCase()}.`);
  else if (error instanceof StateConflictError)
    console.error(`There is already an account ${email.trim().toLowerCase()}.`);
  else if (error instanceof ValidationError) console.error(`${error.message}\n${USAGE}`);
  else console.error((error as Error).message);
  process.exit(1);
}
