import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { z } from 'zod';
import {
  enrollResponseSchema,
  errorResponseSchema,
  type pullRequestSchema,
  pullResponseSchema,
  pushResponseSchema,
  type PushRequest,
} from '../../src-shared/sync/protocol';
import { isLoopbackHost } from '../../src-shared/contract/sync';

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
  'sync.too_many': 'errors.sync.too_many',
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
    /** A bank's private certificate authority (PEM), trusted besides the system's (a setting). */
    private readonly caPem: string | null = null,
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
    const url = new URL(path, this.hubUrl.endsWith('/') ? this.hubUrl : `${this.hubUrl}/`);
    // Client data never crosses a network in clear (issue 9): plain HTTP only to this machine (a TLS proxy, a test).
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      throw new SyncFailure('errors.sync.plain_http', `the hub address ${this.hubUrl} is not HTTPS`, false, { hub: this.hubUrl });
    }
    const sentAt = this.now();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let answer: { status: number; text: string; receivedAt: number };
    try {
      answer = await this.send(url, JSON.stringify(body), signal ? AbortSignal.any([signal, timeout]) : timeout);
    } catch (error) {
      if (signal?.aborted) throw new SyncFailure('errors.sync.cancelled', 'sync cancelled', false);
      const reason = error instanceof Error ? error.message : String(error);
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      if (CERTIFICATE_ERRORS.test(code)) {
        throw new SyncFailure('errors.sync.certificate', `the hub at ${this.hubUrl} presented an untrusted certificate: ${reason}`, true, {
          hub: this.hubUrl,
        });
      }
      throw new SyncFailure('errors.sync.unreachable', `the hub at ${this.hubUrl} cannot be reached: ${reason}`, true, {
        hub: this.hubUrl,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      throw new SyncFailure('errors.sync.protocol', `the hub answered ${answer.status} with something that is not JSON`, true);
    }
    if (answer.status < 200 || answer.status >= 300) throw refusal(answer.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new SyncFailure('errors.sync.protocol', `the hub's answer to ${path} is not what this version expects`, true);
    return { value: parsed.data, sentAt, receivedAt: answer.receivedAt };
  }

  /**
   * One POST over node:http(s) (not fetch: its TLS trust cannot be given a bank's private CA). With a CA from the
   * settings, the hub's certificate may chain to it or to the system's authorities; otherwise Node's defaults apply
   * (the system store and NODE_EXTRA_CA_CERTS).
   */
  private send(url: URL, body: string, signal: AbortSignal): Promise<{ status: number; text: string; receivedAt: number }> {
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
    };
    return new Promise((resolve, reject) => {
      const onAnswer = (res: http.IncomingMessage) => {
        const receivedAt = this.now();
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), receivedAt }));
        res.on('error', reject);
      };
      const req =
        url.protocol === 'https:'
          ? https.request(
              url,
              { method: 'POST', headers, signal, ...(this.caPem ? { ca: [...tls.rootCertificates, this.caPem] } : {}) },
              onAnswer,
            )
          : http.request(url, { method: 'POST', headers, signal }, onAnswer);
      req.on('error', reject);
      req.end(body);
    });
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
