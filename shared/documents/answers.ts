import { LANGUAGES, type LocalizedText } from '../consultation.js';
import { redactEmails } from '../redaction.js';
import { DOCUMENT_ANSWER_KEY, type DocumentAnswers } from './model.js';

export interface SplitAnswers {
  mode: DocumentAnswers['mode'];
  answers: Record<string, string>;
}

interface Question {
  id: string;
  text: LocalizedText;
}

interface Paragraph {
  text: string;
  /** The question this paragraph opens, and how much of its start is the heading. */
  marker?: { index: number; headingEnd: number };
}

// "Question 1", "Question n° 1 :", "Guiding question 2", "Pregunta 3.", "Pregunta n.º 2", "Q1)".
const KEYWORD =
  /^(?:guiding\s+question|question(?:\s+directrice)?|pregunta(?:\s+(?:gu[ií]a|orientadora|orientativa))?|q)\s*(?:n[.\s]*[°ºo][.\s]*|n[úu]m(?:ero|\.)?\s*)?(\d{1,2})(?![\d.,]\d)\s*[:.)\-–—]?\s*/iu;
const NUMBERED = /^(\d{1,2})\s*[.)]\s+/u;
/** Share of a question's words a heading must repeat to count as that question's wording. */
const WORDING_OVERLAP = 0.7;

/**
 * A document's text as answers. Where it follows the guiding questions (a "Question 1" /
 * "Pregunta 1" heading, the question's own wording in English, French or Spanish, or numbered
 * sections 1 to n, each once), each section becomes that question's answer and any text before
 * the first (a cover letter) the general answer; otherwise the whole text is the general answer.
 * E-mail addresses are blanked: a document's letterhead is not for quoting.
 */
export function splitAnswers(text: string, questions: readonly Question[]): SplitAnswers {
  const clean = redactEmails(text);
  const paragraphs = clean
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  const wordings = questions.map((q) =>
    LANGUAGES.map((lang) => words(q.text[lang] ?? '')).filter((w) => w.size > 0),
  );

  let marked: Paragraph[] = paragraphs.map((p) => ({
    text: p,
    marker: keywordMarker(p, questions.length, wordings) ?? wordingMarker(p, wordings),
  }));
  if (!marked.some((p) => p.marker)) marked = numberedSections(paragraphs, questions.length, wordings);
  if (!marked.some((p) => p.marker))
    return { mode: 'whole', answers: clean ? { [DOCUMENT_ANSWER_KEY]: clean } : {} };

  const sections = new Map<string, string[]>();
  let key = DOCUMENT_ANSWER_KEY;
  for (const paragraph of marked) {
    let body = paragraph.text;
    if (paragraph.marker) {
      key = questions[paragraph.marker.index]?.id ?? DOCUMENT_ANSWER_KEY;
      body = body.slice(paragraph.marker.headingEnd).trim();
    }
    if (!body) continue;
    sections.set(key, [...(sections.get(key) ?? []), body]);
  }
  const answers: Record<string, string> = {};
  for (const id of [DOCUMENT_ANSWER_KEY, ...questions.map((q) => q.id)]) {
    const parts = sections.get(id);
    if (parts) answers[id] = parts.join('\n\n');
  }
  return { mode: 'by_question', answers };
}

function keywordMarker(paragraph: string, count: number, wordings: Set<string>[][]): Paragraph['marker'] {
  const match = KEYWORD.exec(paragraph);
  const n = Number(match?.[1]);
  if (!match || n < 1 || n > count) return undefined;
  const index = n - 1;
  return {
    index,
    headingEnd: match[0].length + restatedQuestion(paragraph.slice(match[0].length), wordings[index] ?? []),
  };
}

/** A paragraph that opens with a question's own words (in any of its languages) is that question's heading. */
function wordingMarker(paragraph: string, wordings: Set<string>[][]): Paragraph['marker'] {
  const prefix = NUMBERED.exec(paragraph)?.[0].length ?? 0;
  for (const [index, variants] of wordings.entries()) {
    const length = restatedQuestion(paragraph.slice(prefix), variants);
    if (length > 0) return { index, headingEnd: prefix + length };
  }
  return undefined;
}

/**
 * Numbered paragraphs are sections only when they read as a list of the questions: numbers from
 * 1, in order, each once, none beyond the question count. A numbered list inside an answer
 * repeats or runs past them, and leaves the document whole.
 */
function numberedSections(paragraphs: string[], count: number, wordings: Set<string>[][]): Paragraph[] {
  const numbers = paragraphs.map((p) => Number(NUMBERED.exec(p)?.[1] ?? 0));
  const seen = numbers.filter((n) => n > 0);
  const inOrder = seen.every((n, i) => n === i + 1);
  if (seen.length < 2 || !inOrder || seen.length > count) return paragraphs.map((text) => ({ text }));
  return paragraphs.map((text, i) => {
    const n = numbers[i] ?? 0;
    if (n === 0) return { text };
    const prefix = NUMBERED.exec(text)?.[0].length ?? 0;
    return {
      text,
      marker: {
        index: n - 1,
        headingEnd: prefix + restatedQuestion(text.slice(prefix), wordings[n - 1] ?? []),
      },
    };
  });
}

/**
 * How long the question's restatement at the start of `text` is: up to its question mark (or the
 * whole text, for a heading without one) if that much repeats most of the question's words; 0 if
 * the text does not start with the question.
 */
function restatedQuestion(text: string, variants: Set<string>[]): number {
  const mark = text.indexOf('?');
  const end = mark >= 0 ? mark + 1 : text.length;
  const head = words(text.slice(0, end));
  if (head.size === 0) return 0;
  const repeats = variants.some((question) => {
    let shared = 0;
    for (const w of question) if (head.has(w)) shared++;
    return shared / question.size >= WORDING_OVERLAP && head.size <= question.size * 1.5;
  });
  return repeats ? end : 0;
}

/** Content words, folded: short words are mostly articles and prepositions that every question shares. */
function words(text: string): Set<string> {
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return new Set(folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4));
}
