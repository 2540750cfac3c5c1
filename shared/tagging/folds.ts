import { createHash } from 'node:crypto';

/**
 * Cross-validation folds that keep a group whole: paraphrases of one source document (its `group`,
 * or the item's own id where it has none) always sit on the same side, so a fold never scores a
 * text whose twin it was trained on. Groups go to folds by a hash of their name, so the same data
 * gives the same folds whatever its order.
 */
export function groupedFolds(items: readonly { id: string; group?: string }[], folds: number): number[] {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be 2 or more, not ${folds}`);
  const hashes = new Map([...new Set(items.map(groupOf))].map((group) => [group, hash(group)]));
  const groups = [...hashes.keys()].sort(
    (a, b) => (hashes.get(a) as number) - (hashes.get(b) as number) || (a < b ? -1 : 1),
  );
  // Dealt round-robin in hash order: folds differ in size by at most one group.
  const foldOf = new Map(groups.map((group, i) => [group, i % folds]));
  return items.map((item) => foldOf.get(groupOf(item)) as number);
}

const groupOf = (item: { id: string; group?: string }) => item.group ?? item.id;

const hash = (text: string) => createHash('sha256').update(text).digest().readUInt32BE(0);
