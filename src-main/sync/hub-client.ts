import type { z } from 'zod';
import {
  enrollResponseSchema,
  errorResponseSchema,
  type pullRequestSchema,
  pullResponseSchema,
  pushResponseSchema,
  type PushRequest,
} from '../../src-shared/sync/protocol';

/**
 * Why an exchange with the hub failed, as a message key staff read in their language (`errors.sync.*`).
 * `retry`: worth trying again later on its own (hub down, 5xx); otherwise someone must act (re-enroll, fix data).
 */
export class SyncFailure extends Error {
  constructor(
    readonly key: string,
    message: string,
    readonly retry: boolean,
    readonly params: Record<string, string | number> = {},
    /** The hub's clock when it answered, if it did. */
    readonly hubTime?: number,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

/** The hub's refusal keys (`sync.*`) → the workstation's message keys. */
const REFUSALS: Record<string, string> = {
  'sync.unauthorized': 'errors.sync.unauthorized',
  'sync.enroll_code': 'errors.sync.enroll_code',
  'sync.branch_revoked': 'errors.sync.unauthorized',
  'sync.device_other_branch': 'errors.sync.already_enrolled',
  'sync.clock_ahead': 'errors.sync.clock',
  'sync.audit_ask': 'errors.sync.audit_ask',
  'sync.audit_rewritten': 'errors.sync.audit_rewritten',
  'sync.master_columns': 'errors.sync.master_columns',
  'sync.device_exists': 'errors.sync.device_exists',
};

/** Node's codes for a TLS certificate the workstation does not trust (self-signed, unknown CA, wrong name, expired). */
const CERTIFICATE_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;

export interface Exchange<T> {
  value: T;
  /** Local time when the request left and when the answer came back: the clock offset is measured from them. */
  sentAt: number;
  receivedAt: number;
}

/** JSON over HTTP(S) to one hub, with a timeout per request and the caller's cancel signal. */
export class HubClient {
  constructor(
    readonly hubUrl: string,
    private readonly token: string | null,
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = 30_000,
  ) {}

  enroll(body: { code: string; deviceId: string; deviceName: string }, signal?: AbortSignal) {
    return this.post('/v1/enroll', body, enrollResponseSchema, signal);
  }

  push(body: PushRequest, signal?: AbortSignal) {
    return this.post('/v1/push', body, pushResponseSchema, signal);
  }

  pull(body: z.input<typeof pullRequestSchema>, signal?: AbortSignal) {
    return this.post('/v1/pull', body, pullResponseSchema, signal);
  }

  private async post<S extends z.ZodType>(path: string, body: unknown, schema: S, signal?: AbortSignal): Promise<Exchange<z.infer<S>>> {
    const url = new URL(path, this.hubUrl.endsWith('/') ? this.hubUrl : `${this.hubUrl}/`).toString();
    const sentAt = this.now();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new SyncFailure('errors.sync.cancelled', 'sync cancelled', false);
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
      const reason = cause ? cause.message : String(error);
      const code = cause && 'code' in cause ? String(cause.code) : '';
      if (CERTIFICATE_ERRORS.test(code)) {
        throw new SyncFailure('errors.sync.certificate', `the hub at ${this.hubUrl} presented an untrusted certificate: ${reason}`, true, {
          hub: this.hubUrl,
        });
      }
      throw new SyncFailure('errors.sync.unreachable', `the hub at ${this.hubUrl} cannot be reached: ${reason}`, true, {
        hub: this.hubUrl,
      });
    }
    const receivedAt = this.now();
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      if (signal?.aborted) throw new SyncFailure('errors.sync.cancelled', 'sync cancelled', false);
      throw new SyncFailure('errors.sync.protocol', `the hub answered ${response.status} with something that is not JSON`, true);
    }
    if (!response.ok) throw refusal(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new SyncFailure('errors.sync.protocol', `the hub's answer to ${path} is not what this version expects`, true);
    return { value: parsed.data, sentAt, receivedAt };
  }
}

function refusal(status: number, json: unknown): SyncFailure {
  const parsed = errorResponseSchema.safeParse(json);
  if (!parsed.success) return new SyncFailure('errors.sync.hub_error', `the hub answered ${status}`, true, { status });
  const { error, hubTime } = parsed.data;
  const retry = status >= 500 || status === 429;
  const key = REFUSALS[error.key] ?? (retry ? 'errors.sync.hub_error' : 'errors.sync.refused');
  const params: Record<string, string | number> =
    key === 'errors.sync.refused' ? { reason: error.message } : { status, ...(error.params ?? {}) };
  return new SyncFailure(key, error.message, retry, params, hubTime);
}
