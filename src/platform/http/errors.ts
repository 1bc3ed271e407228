/**
 * Errors the application raises on purpose. The one error handler turns them into
 * application/problem+json (RFC 9457) in the request's language. Never put personal data in params.
 */
export interface FieldError {
  /** Where, e.g. `body.email` or `params.id`. */
  field: string;
  /** Stable machine code, e.g. `too_small`. */
  code: string;
  /** Message key in the i18n catalog; the handler translates it. */
  messageKey: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    public readonly params: Record<string, string | number> = {},
    public readonly fieldErrors: FieldError[] = [],
    public readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export const notFound = () => new AppError('not_found', 404);
export const unauthenticated = () => new AppError('unauthenticated', 401);
export const forbidden = () => new AppError('forbidden', 403);
export const conflict = () => new AppError('conflict', 409);
export const validation = (fieldErrors: FieldError[]) => new AppError('validation', 400, {}, fieldErrors);
