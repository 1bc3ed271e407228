import { z } from 'zod';

/** Shared between server and web: a form and its route validate with the same schema. No server imports here. */

/** Free text from a person: trimmed length limits; the server additionally refuses NUL bytes. */
export const ZText = (max: number) => z.string().trim().min(1).max(max);
export const ZEmail = z.string().trim().max(254).pipe(z.email());
export const ZId = z.uuid();
export const ZLanguage = z.enum(['nl', 'en']);
export const ZRole = z.enum(['admin', 'coordinator', 'volunteer', 'parent', 'funder']);
export type TRole = z.infer<typeof ZRole>;

/** Cursor pagination (issue 2): opaque cursor, stable order. */
export const ZPageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZPage = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ZIdParams = z.strictObject({ id: ZId });

/** problem+json (RFC 9457) as the server sends it. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;
