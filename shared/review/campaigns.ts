import { NotFoundError, VersionConflictError } from '../errors.js';
import type { StoredSubmission } from '../stores/ports.js';
import type { Submission } from '../submission.js';
import { type DecisionDeps, reviewable, writeAudited } from './decisions.js';
import type { Principal } from './model.js';
import { foldText } from './triage.js';

/**
 * Campaigns and duplicates: submissions whose text is nearly the same (form letters, copy-paste
 * campaigns) are grouped; a reviewer may mark a group as a campaign, which the report counts once
 * with its size as the weight.
 *
 * Near-identical means a Jaccard similarity of at least 0.8 between the sets of word 4-grams of the
 * answers. Comparing every pair is quadratic, so MinHash signatures and locality-sensitive hashing
 * (16 bands of 4 rows) pick the candidate pairs, and the exact similarity decides. With these numbers
 * a pair at 0.8 is a candidate with probability 1 − (1 − 0.8⁴)¹⁶ ≈ 0.9997; a pair at 0.4 with about 0.34.
 */
export const SIMILARITY = 0.8;
const SHINGLE_WORDS = 4;
const BANDS = 16;
const ROWS = 4;

function hash(text: string, seed: number): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

export function shingles(text: string): Set<string> {
  const words = foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length <= SHINGLE_WORDS) return new Set(words.length ? [words.join(' ')] : []);
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++)
    set.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  return set;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

function signature(set: Set<string>): number[] {
  const sig = new Array<number>(BANDS * ROWS).fill(0xffffffff);
  for (const item of set)
    for (let i = 0; i < sig.length; i++) {
      const h = hash(item, i);
      if (h < (sig[i] as number)) sig[i] = h;
    }
  return sig;
}

export interface Group {
  /** The group's first submission: stable while that submission stays in the group. */
  groupId: string;
  members: string[];
  /** Set when a reviewer marked the group as a campaign. */
  campaign: boolean;
}

/** Groups of two or more near-identical submissions, largest first. */
export function detectGroups(all: readonly StoredSubmission[]): Group[] {
  const live = all.filter((s): s is Submission => s.status !== 'withdrawn');
  const sets = live.map((s) => shingles(Object.values(s.answers).join('\n')));
  const parent = live.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const buckets = new Map<string, number[]>();
  sets.forEach((set, i) => {
    if (set.size === 0) return;
    const sig = signature(set);
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${sig.slice(band * ROWS, (band + 1) * ROWS).join(',')}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
  });
  const checked = new Set<string>();
  for (const bucket of buckets.values()) {
    for (let x = 0; x < bucket.length; x++)
      for (let y = x + 1; y < bucket.length; y++) {
        const a = bucket[x] as number;
        const b = bucket[y] as number;
        const pair = `${a}:${b}`;
        if (root(a) === root(b) || checked.has(pair)) continue;
        checked.add(pair);
        if (jaccard(sets[a] as Set<string>, sets[b] as Set<string>) >= SIMILARITY) parent[root(a)] = root(b);
      }
  }
  const byRoot = new Map<number, Submission[]>();
  live.forEach((s, i) => {
    const r = root(i);
    byRoot.set(r, [...(byRoot.get(r) ?? []), s]);
  });
  return [...byRoot.values()]
    .filter((members) => members.length > 1)
    .map((members) => {
      const ids = members.map((m) => m.id).sort();
      return { groupId: ids[0] as string, members: ids, campaign: members.some((m) => m.campaign) };
    })
    .sort((a, b) => b.members.length - a.members.length || (a.groupId < b.groupId ? -1 : 1));
}

/** Each grouped submission's group size and campaign mark, for the triage list's badges. */
export function groupSizes(
  all: readonly StoredSubmission[],
): Map<string, { size: number; campaign: boolean }> {
  const sizes = new Map<string, { size: number; campaign: boolean }>();
  for (const g of detectGroups(all))
    for (const id of g.members) sizes.set(id, { size: g.members.length, campaign: g.campaign });
  return sizes;
}

/** The members of a submission's group, itself included; just itself when it has no near-twin. */
export function groupOf(all: readonly StoredSubmission[], id: string): string[] {
  return detectGroups(all).find((g) => g.members.includes(id))?.members ?? [id];
}

/**
 * Marks (or unmarks) the group containing `groupId` as a campaign: each member records the group and
 * its size, each with its own audit entry. Not a tagging decision, so members the tagger has not seen
 * stay in its queue. A member changed meanwhile is read again and retried.
 */
export async function markCampaign(
  deps: DecisionDeps,
  all: readonly StoredSubmission[],
  groupId: string,
  mark: boolean,
  actor: Principal,
): Promise<Group> {
  const group = detectGroups(all).find((g) => g.members.includes(groupId));
  if (!group) throw new NotFoundError('submission');
  const campaign = { groupId: group.groupId, size: group.members.length };
  for (const id of group.members) {
    for (let attempt = 0; ; attempt++) {
      const current = await reviewable(deps.store, id);
      const { version: _v, lastAuditId: _l, campaign: _c, ...rest } = current;
      const next = {
        ...rest,
        ...(mark ? { campaign } : {}),
        updatedAt: deps.now().toISOString(),
        final: false,
      };
      try {
        await writeAudited(deps, current, next, actor, 'campaign', deps.now());
        break;
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= 2) throw error;
      }
    }
  }
  return { ...group, campaign: mark };
}
