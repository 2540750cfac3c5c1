import type { ExtractionReason } from './model.js';

/** One document could not be read as it is: the reason becomes its extraction status, never a failed batch. */
export class DocumentReadError extends Error {
  constructor(readonly reason: ExtractionReason) {
    super(`document not read: ${reason}`);
    this.name = 'DocumentReadError';
  }
}
