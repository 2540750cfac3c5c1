import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Config } from '../config.js';

/** A secret's text, as Secrets Manager keeps it (`SecretString`). */
export async function readSecret(config: Config, secretId: string): Promise<string> {
  const client = new SecretsManagerClient({ region: config.AWS_REGION, maxAttempts: 3 });
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`secret ${secretId} holds no text`);
    return SecretString;
  } finally {
    client.destroy();
  }
}
