import type { AppErrorShape, ErrorCode, FieldIssue } from '../../src-shared/contract';

/** A non-ok envelope, thrown by the api client. Screens translate it by `key`; they never read `message`. */
export class ApiError extends Error {
  readonly shape: AppErrorShape;

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.shape = shape;
  }

  get code(): ErrorCode {
    return this.shape.code;
  }

  get key(): string {
    return this.shape.key;
  }

  get params(): Record<string, string | number> | undefined {
    return this.shape.params;
  }

  get issues(): FieldIssue[] {
    return this.shape.issues ?? [];
  }
}

export function isApiError(error: unknown, key?: string): error is ApiError {
  return error instanceof ApiError && (key === undefined || error.key === key);
}

/** Keys the renderer's transports produce when no envelope came back at all. */
export const TRANSPORT_ERRORS = {
  network: 'errors.network',
  tokenRejected: 'errors.host.token_rejected',
} as const;
