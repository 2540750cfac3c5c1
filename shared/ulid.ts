import { randomFillSync } from 'node:crypto';
import { monotonicFactory, type ULIDFactory } from 'ulid';

const pool = new Uint8Array(256);
let next = pool.length;

/**
 * The system's CSPRNG, drawn 256 bytes at a time. ulid's own generator asks it for one byte per
 * character, sixteen calls an id: a quarter of a millisecond of every POST.
 */
function pooledRandom(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return (pool[next++] as number) / 256;
}

/** A generator of ULIDs that sort in the order they were made, even within one millisecond. */
export const monotonicUlid = (): ULIDFactory => monotonicFactory(pooledRandom);
