import type { z } from 'zod';
import type { SyncStatus } from './sync';
import { auditContract } from './audit';
import { authContract } from './auth';
import { branchContract } from './branch';
import { clientsContract } from './clients';
import { complaintsContract } from './complaints';
import { demoContract } from './demo';
import { eventsContract } from './events';
import { jobsContract } from './jobs';
import { remindersContract } from './reminders';
import { settingsContract } from './settings';
import { staffContract } from './staff';
import { storeContract } from './store';
import { surveysContract } from './surveys';
import { syncContract } from './sync';

/** The one table of every method the renderer may call. Add a capability by merging its file here. */
export const contract = {
  ...authContract,
  ...staffContract,
  ...settingsContract,
  ...auditContract,
  ...clientsContract,
  ...remindersContract,
  ...jobsContract,
  ...syncContract,
  ...demoContract,
  ...storeContract,
  ...complaintsContract,
  ...eventsContract,
  ...surveysContract,
  ...branchContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>;
/** Who may call it, as the contract says (`'public'`, `'session'` or the roles). */
export type AccessOf<M extends MethodName> = Contract[M]['access'];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Main → renderer events. */
export const EVENTS = ['session.locked', 'session.ended', 'job.progress', 'sync.status'] as const;
export type EventName = (typeof EVENTS)[number];
export interface EventPayloads {
  'session.locked': { reason: 'idle' | 'manual' };
  'session.ended': Record<string, never>;
  /** A long job (import, export, seeding) reports how far it is; `jobs.cancel` stops it. */
  'job.progress': { jobId: string; done: number; total: number };
  /** The sync service's state changed (a sync started or ended, an error, new pending changes): for the status dot. */
  'sync.status': SyncStatus;
}

export * from './define';
export * from './errors';
export * from './auth';
export * from './settings';
export * from './audit';
export * from './clients';
export * from './reminders';
export * from './sync';
export * from './branch';
export * from './demo';
export * from './store';
export * from './complaints';
