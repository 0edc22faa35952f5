/**
 * Errors cross the IPC boundary as values with a code and a message key the renderer translates.
 * English `message` is for logs and the CLI only; the renderer never parses it.
 */
export const ERROR_CODES = ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'LOCKED', 'UNAUTHENTICATED', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  /** i18n key of the problem, e.g. `validation.too_small`. */
  key: string;
  message: string;
}

export interface AppErrorShape {
  code: ErrorCode;
  /** i18n key, e.g. `errors.auth.wrong_password`. */
  key: string;
  message: string;
  /** values the translated message interpolates, e.g. { minutes: 5 } */
  params?: Record<string, string | number>;
  issues?: FieldIssue[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly key: string;
  readonly params?: Record<string, string | number>;
  readonly issues?: FieldIssue[];

  constructor(
    code: ErrorCode,
    key: string,
    message: string,
    extra: { params?: Record<string, string | number>; issues?: FieldIssue[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.key = key;
    this.params = extra.params;
    this.issues = extra.issues;
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, key: this.key, message: this.message };
    if (this.params) shape.params = this.params;
    if (this.issues) shape.issues = this.issues;
    return shape;
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.key === 'string';
}
