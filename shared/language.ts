import { franc } from 'franc';
import type { Language } from './consultation.js';

const FROM_ISO_639_3: Record<string, Language> = { eng: 'en', fra: 'fr', spa: 'es' };

/**
 * Tells English, French and Spanish apart; undefined where the text is too short or unclear to say.
 * franc is restricted to the three working languages so that a short French text is never "Catalan".
 */
export function detectLanguage(text: string): Language | undefined {
  const code = franc(text, { only: Object.keys(FROM_ISO_639_3), minLength: 20 });
  return FROM_ISO_639_3[code];
}
