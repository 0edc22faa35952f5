// The sandboxed preload: bundled into one CommonJS file that requires nothing but 'electron'.
// It imports types only (erased at build), so no zod and no contract code runs here: main validates everything.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventName } from '../../src-shared/contract';
import type { BranchdeskBridge } from '../../src-shared/contract/bridge';
import type { AppErrorShape, Envelope } from '../../src-shared/contract/errors';

// Contract method names are dotted words (`auth.signIn`); main refuses any name that is not in the contract.
const METHOD_NAME = /^[a-zA-Z]+(\.[a-zA-Z]+)*$/;

// Every contract event, and nothing else: the Record type fails the typecheck when the contract's list changes.
const EVENT_NAMES: Record<EventName, true> = {
  'session.locked': true,
  'session.ended': true,
  'job.progress': true,
  'sync.status': true,
};

function failure(code: AppErrorShape['code'], key: string, message: string): Envelope<unknown> {
  return { ok: false, error: { code, key, message } };
}

const bridge: BranchdeskBridge = {
  invoke(method, input) {
    if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
      return Promise.resolve(failure('NOT_FOUND', 'errors.unknown_method', 'no such method'));
    }
    return ipcRenderer.invoke(`bd:${method}`, input).then(
      (envelope: unknown) => envelope as Envelope<unknown>,
      // An input that cannot be cloned, or a method main has no handler for: still an envelope, never a throw.
      () => failure('INTERNAL', 'errors.ipc.failed', 'the call did not reach the workstation'),
    );
  },
  on(event, cb) {
    if (typeof event !== 'string' || !Object.prototype.hasOwnProperty.call(EVENT_NAMES, event)) {
      throw new TypeError(`unknown event ${String(event)}`);
    }
    if (typeof cb !== 'function') throw new TypeError('the listener must be a function');
    const channel = `bd-event:${event}`;
    // The IpcRendererEvent stays here: it carries `sender`, which is ipcRenderer itself.
    const listener = (_event: IpcRendererEvent, payload: unknown) => cb(payload);
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  },
};

contextBridge.exposeInMainWorld('branchdesk', bridge);
