import type { z } from 'zod';
import { type FieldProblem, ValidationError } from './errors.js';

/** Zod leaves the offending value out of its issues; it is read back from the input. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const CUSTOM_CODES = new Set(['invalid_unicode', 'control_characters', 'country_code', 'answer_required']);

function describe(issue: z.core.$ZodIssue, input: unknown): FieldProblem[] {
  const path = issue.path.map(String).join('.');
  const at = (code: string, params?: Record<string, string | number>, where = path): FieldProblem => ({
    path: where || 'body',
    code,
    ...(params ? { params } : {}),
  });
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => at('unknown_field', undefined, path ? `${path}.${key}` : key));
    case 'too_big':
      return [at('too_long', { count: Number(issue.maximum) })];
    case 'too_small':
      return [at('required')];
    case 'invalid_type':
      return [
        valueAt(input, issue.path) === undefined
          ? at('required')
          : at('wrong_type', { expected: issue.expected }),
      ];
    case 'invalid_format':
      return [at(issue.format === 'email' ? 'invalid_email' : 'invalid')];
    case 'invalid_value':
      return [
        valueAt(input, issue.path) === undefined
          ? at('required')
          : at('invalid_choice', { options: issue.values.map(String).join(', ') }),
      ];
    case 'custom':
      return [at(CUSTOM_CODES.has(issue.message) ? issue.message : 'invalid')];
    default:
      return [at('invalid')];
  }
}

/** Parses with a schema, or throws one ValidationError naming every field at fault. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  part: InputPart = 'body',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationErrorFrom(result.error, input, part);
}

/** Where a value came from: only over-long text in the body makes the request too large. */
export type InputPart = 'body' | 'param' | 'query' | 'header' | 'cookie';

/**
 * Maps every issue. Over-long body text is a size problem (413) unless something else is also wrong;
 * an over-long path id or header is plain invalid input (400), naming it: no body was too large.
 */
export function validationErrorFrom(
  error: z.ZodError,
  input: unknown,
  part: InputPart = 'body',
): ValidationError {
  const fields = error.issues.flatMap((issue) => describe(issue, input));
  return new ValidationError(fields, part === 'body' && fields.every((f) => f.code === 'too_long'));
}
