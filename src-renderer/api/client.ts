import {
  contract,
  type Envelope,
  type EventName,
  type EventPayloads,
  type InputOf,
  type MethodName,
  type OutputOf,
} from '../../src-shared/contract';
import { ApiError, TRANSPORT_ERRORS } from './errors';
import { transport } from './transport';

/** Methods whose whole input is optional may be called without an argument: `api.auth.state()`. */
type Args<M extends MethodName> = Record<never, never> extends InputOf<M> ? [input?: InputOf<M>] : [input: InputOf<M>];
type Namespace<M> = M extends `${infer N}.${string}` ? N : never;

/** `api.auth.signIn({ login, password })`: one function per contract method, typed from the contract. */
export type Api = {
  [N in Namespace<MethodName>]: {
    [M in MethodName as M extends `${N}.${infer F}` ? F : never]: (...args: Args<M>) => Promise<OutputOf<M>>;
  };
} & {
  call<M extends MethodName>(method: M, ...args: Args<M>): Promise<OutputOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** Resolves with the method's value; a non-ok envelope throws an ApiError carrying main's error. */
export async function callMethod<M extends MethodName>(method: M, input: InputOf<M> | undefined): Promise<OutputOf<M>> {
  let envelope: Envelope<unknown>;
  try {
    envelope = await transport.invoke(method, input ?? {});
  } catch {
    // The transport itself failed (the host or main is gone): no envelope came back at all.
    throw new ApiError({ code: 'INTERNAL', key: TRANSPORT_ERRORS.network, message: `${method}: the transport failed` });
  }
  if (!envelope.ok) throw new ApiError(envelope.error);
  // Main parsed the value with this method's output schema before sending it.
  return envelope.value as OutputOf<M>;
}

function call<M extends MethodName>(method: M, ...args: Args<M>): Promise<OutputOf<M>> {
  return callMethod(method, args[0]);
}

function on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  // Main emits only the payloads the contract declares for each event.
  return transport.on(event, (payload) => listener(payload as EventPayloads[E]));
}

function buildApi(): Api {
  const namespaces: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of Object.keys(contract) as MethodName[]) {
    const [namespace = method, name = method] = method.split('.');
    (namespaces[namespace] ??= {})[name] = (input?: unknown) => callMethod(method, input as InputOf<typeof method>);
  }
  return Object.assign(namespaces, { call, on }) as unknown as Api;
}

export const api: Api = buildApi();
