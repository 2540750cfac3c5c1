/**
 * Characters that change how text around them is shown without showing themselves: bidirectional
 * embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)
 * and zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF). In a name they let one
 * organisation pass for another ("‮gro.elpmaxe" shows as "example.org") or hide a difference
 * between two names that look alike. Names lose them at intake; CSV cells never carry them.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
