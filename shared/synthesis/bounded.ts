/**
 * Collections whose size does not grow with the consultation: the report streams every submission
 * through them and keeps only what it can choose from at the end.
 */

/** The k highest-ranked items seen, kept in a min-heap: O(log k) an item, O(k) memory. */
export class TopK<T> {
  readonly #heap: { item: T; rank: number }[] = [];

  constructor(
    readonly k: number,
    private readonly rankOf: (item: T) => number,
  ) {}

  add(item: T): void {
    const rank = this.rankOf(item);
    const heap = this.#heap;
    if (heap.length < this.k) {
      heap.push({ item, rank });
      this.#up(heap.length - 1);
    } else if (heap.length > 0 && rank > (heap[0] as { rank: number }).rank) {
      heap[0] = { item, rank };
      this.#down(0);
    }
  }

  /** Highest rank first. */
  sorted(): T[] {
    return [...this.#heap].sort((a, b) => b.rank - a.rank).map((e) => e.item);
  }

  #swap(i: number, j: number) {
    const heap = this.#heap;
    [heap[i], heap[j]] = [heap[j] as (typeof heap)[number], heap[i] as (typeof heap)[number]];
  }

  #rank(i: number): number {
    return (this.#heap[i] as { rank: number }).rank;
  }

  #up(i: number) {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#rank(parent) <= this.#rank(i)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number) {
    const n = this.#heap.length;
    while (true) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.#rank(left) < this.#rank(smallest)) smallest = left;
      if (right < n && this.#rank(right) < this.#rank(smallest)) smallest = right;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }
}

/** A seeded generator (mulberry32): the same submissions give the same report. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform sample of at most `size` items from a stream of unknown length (Algorithm R). */
export class Reservoir<T> {
  readonly items: T[] = [];
  #seen = 0;

  constructor(
    readonly size: number,
    private readonly random: () => number,
  ) {}

  /** Counts an item in; `make` builds it only if the sample keeps it, so a rejected one costs nothing. */
  offer(make: () => T): void {
    this.#seen++;
    if (this.items.length < this.size) this.items.push(make());
    else {
      const slot = Math.floor(this.random() * this.#seen);
      if (slot < this.size) this.items[slot] = make();
    }
  }
}

/**
 * Counts of keys, pruned when it holds more than `capacity` keys: the rarest go first. A word that
 * rare is never among the few a report shows, so the top of the counts stays right.
 */
export class BoundedCounter {
  readonly counts = new Map<string, number>();
  /** Everything ever added, pruned keys included. */
  total = 0;

  constructor(readonly capacity: number) {}

  add(key: string, by = 1): void {
    this.total += by;
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
    if (this.counts.size > this.capacity) this.#prune();
  }

  #prune() {
    let floor = 1;
    while (this.counts.size > this.capacity / 2) {
      for (const [key, count] of this.counts) if (count <= floor) this.counts.delete(key);
      floor++;
    }
  }
}
