import { z } from 'zod';
import { ApiError } from '../../api.js';

/**
 * The application forms hold lists (parents, children, institutions, help questions). The shared
 * form helpers (ui/form.tsx) keep one flat value per field, so a list item's field has a flat key:
 * 'children-0-firstName'. These helpers turn such a form into the nested request body, and the
 * nested error paths of the same Zod schema (and of the server) back into flat keys, so every
 * message lands next to its own field and in the error summary.
 */
export type Flat = Record<string, string | boolean | undefined>;

const SEP = '-';
export const key = (...parts: Array<string | number>): string => parts.filter((p) => p !== '').join(SEP);

/** Messages the shared schemas name (params.messageKey 'field.<name>', the server's texts) → this module's texts. */
const MESSAGE_KEYS: Record<string, string> = {
  postcode: 'applicationForm.errors.postcode',
  phone: 'applicationForm.errors.phone',
  birth_year_future: 'applicationForm.errors.birthYearFuture',
};

/** A nested issue with a flat path, and a message of its own where the generic one would be vague. */
function retarget(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  const path = [issue.path.join(SEP)];
  const messageKey = (issue as { params?: { messageKey?: unknown } }).params?.messageKey;
  const mine = typeof messageKey === 'string' ? MESSAGE_KEYS[messageKey.replace(/^field\./, '')] : undefined;
  if (issue.code === 'custom' && mine) return { ...issue, path, params: { ...issue.params, messageKey: mine } };
  if (path[0] === 'consent') return { code: 'custom', path, message: '', input: undefined, params: { messageKey: 'applicationForm.errors.consent' } };
  return { ...issue, path };
}

/** Validates `toBody(flat)` with the route's own schema; issues carry flat keys. */
export function flatSchema<S extends z.ZodType>(schema: S, toBody: (flat: Flat) => unknown) {
  return z.custom<Flat>().transform((flat, ctx): z.infer<S> => {
    const parsed = schema.safeParse(toBody(flat));
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue(retarget(issue) as never);
    return z.NEVER;
  });
}

/** Server field errors 'body.children.0.firstName' → 'body.children-0-firstName' (what useForm reads). */
export async function withFlatErrors<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ApiError && err.problem?.errors) {
      const errors = err.problem.errors.map((fe) => (fe.field.startsWith('body.') ? { ...fe, field: `body.${fe.field.slice(5).split('.').join(SEP)}` } : fe));
      throw new ApiError(err.status, { ...err.problem, errors });
    }
    throw err;
  }
}

/** Text as typed → trimmed, or undefined when empty (optional fields). */
export function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return s === '' ? undefined : s;
}

/** A whole number typed as text: the number, or the text itself (so the schema reports it), or undefined. */
export function int(v: unknown): number | string | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  return /^\d{1,6}$/.test(s) ? Number(s) : s;
}

/** How many rows of a list the form holds ('children-<i>-…'); `count` state lives in the form itself. */
export function rowsOf(flat: Flat, list: string): number {
  return Number(flat[key(list, 'count')] ?? 0);
}

/** The form values after removing row `index` of `list`: later rows move up one place. */
export function removeRow(flat: Flat, list: string, index: number): Flat {
  const count = rowsOf(flat, list);
  const out: Flat = {};
  const prefix = `${list}${SEP}`;
  for (const [k, v] of Object.entries(flat)) {
    if (!k.startsWith(prefix) || k === key(list, 'count')) {
      out[k] = v;
      continue;
    }
    const rest = k.slice(prefix.length);
    const i = Number(rest.split(SEP)[0]);
    const field = rest.slice(String(i).length + 1);
    if (Number.isNaN(i) || i === index) continue;
    out[key(list, i > index ? i - 1 : i, field)] = v;
  }
  out[key(list, 'count')] = String(Math.max(0, count - 1));
  return out;
}

/** The form values with one more (empty) row of `list`, from `blank`. */
export function addRow(flat: Flat, list: string, blank: Record<string, string | boolean | undefined>): Flat {
  const count = rowsOf(flat, list);
  const out: Flat = { ...flat, [key(list, 'count')]: String(count + 1) };
  for (const [f, v] of Object.entries(blank)) out[key(list, count, f)] = v;
  return out;
}

/** Rows of `list` as objects of their fields. */
export function rows(flat: Flat, list: string, fields: readonly string[]): Array<Record<string, string | boolean | undefined>> {
  return Array.from({ length: rowsOf(flat, list) }, (_, i) => Object.fromEntries(fields.map((f) => [f, flat[key(list, i, f)]])));
}
