import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../shared/runtime.js';
import { submissionKey } from '../shared/stores/dynamodb.js';

/**
 * The item a real POST stored, read back, as a template for raw PutItem calls: same attributes, same size,
 * same index keys, so that the raw rate is of the very write a POST makes.
 */
export async function storedItemTemplate(
  runtime: Pick<Runtime, 'dynamo' | 'config'>,
  response: Response,
): Promise<(id: string) => Record<string, unknown>> {
  if (response.status !== 201) throw new Error(`the template POST answered ${response.status}`);
  const { id } = (await response.json()) as { id: string };
  const { Item } = await runtime.dynamo.send(
    new GetCommand({ TableName: runtime.config.TABLE_NAME, Key: submissionKey(id) }),
  );
  if (!Item) throw new Error('the template submission was not stored');
  return (newId) => ({ ...Item, ...submissionKey(newId), id: newId });
}
