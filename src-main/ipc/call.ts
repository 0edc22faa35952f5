import type { Transaction } from 'kysely';
import type { AccessOf, MethodName, OutputOf, ParsedInputOf, Staff } from '../../src-shared/contract';
import type { App } from '../app';
import type { AuditInput } from '../audit/log';
import type { Database } from '../store/schema';

export interface AuditTarget {
  targetIds: string[];
  /** The staff member's typed reason, for reveals of unmasked data. */
  reason?: string;
  /** Who acted, where the call itself signs someone in (setup, sign-in, unlock). */
  actor?: Staff;
}

/** The staff member a method's handler sees: possibly nobody for a public method, always someone otherwise. */
export type StaffOf<M extends MethodName> = AccessOf<M> extends 'public' ? Staff | null : Staff;

/** What a handler gets besides its validated input. */
export interface Call<M extends MethodName = MethodName> {
  app: App;
  method: M;
  /** The transport's channel: one Electron window or one browser tab. */
  channel: string;
  /** The signed-in staff member (the router refuses a non-public call without one). */
  staff: StaffOf<M>;
  /**
   * This call's audit entry, for a service that writes it inside a transaction of its own (bulk jobs on raw
   * statements): the service must append it before it commits.
   */
  auditEntry(target: AuditTarget): AuditInput;
  /**
   * Runs `work` in one transaction and writes this call's audit entry inside it: both commit or neither.
   * `audit` may be computed from the result, for targets the work creates.
   */
  mutate<T>(work: (trx: Transaction<Database>) => Promise<T>, audit: AuditTarget | ((result: T) => AuditTarget)): Promise<T>;
}

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, call: Call<M>) => Promise<OutputOf<M>>;

/** The handlers of one capability's methods: `HandlersFor<typeof authContract>`. */
export type HandlersFor<C> = { [M in keyof C & MethodName]: Handler<M> };

export type Handlers = HandlersFor<Record<MethodName, unknown>>;
