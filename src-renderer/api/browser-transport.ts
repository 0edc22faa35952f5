import { isAppErrorShape, type Envelope } from '../../src-shared/contract';
import { TRANSPORT_ERRORS } from './errors';
import { markTokenRejected } from './host-access';
import type { Transport } from './transport';

const TOKEN_KEY = 'branchdesk.token';
const CHANNEL_KEY = 'branchdesk.channel';

/**
 * The browser host's transport: `POST /rpc/<method>` with the per-launch token, events over SSE.
 * The token arrives once in the address (`?token=`), moves to sessionStorage and leaves the address bar,
 * so it is not kept in history or shown over a colleague's shoulder.
 */
export function createBrowserTransport(): Transport {
  const token = takeToken();
  const channel = tabChannel();
  let events: EventSource | null = null;

  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(`/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${token}`,
            'X-BranchDesk-Channel': channel,
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return failure('INTERNAL', TRANSPORT_ERRORS.network, 'the host is unreachable');
      }
      if (response.status === 401) {
        markTokenRejected();
        return failure('UNAUTHENTICATED', TRANSPORT_ERRORS.tokenRejected, 'the host rejected the token');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return failure('INTERNAL', TRANSPORT_ERRORS.network, `the host answered HTTP ${response.status} without JSON`);
      }
      if (isEnvelope(body)) return body;
      return failure('INTERNAL', 'errors.internal', `the host answered HTTP ${response.status} without an envelope`);
    },

    on(event, listener) {
      events ??= new EventSource(`/events?token=${encodeURIComponent(token)}&channel=${encodeURIComponent(channel)}`);
      const handle = (message: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          return;
        }
        listener(payload);
      };
      events.addEventListener(event, handle);
      return () => events?.removeEventListener(event, handle);
    },
  };
}

function takeToken(): string {
  const url = new URL(window.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress) {
    sessionStorage.setItem(TOKEN_KEY, fromAddress);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** One channel per tab: the host keeps one session per channel, as the app keeps one per window. */
function tabChannel(): string {
  const existing = sessionStorage.getItem(CHANNEL_KEY);
  if (existing && /^[0-9a-f]{32}$/.test(existing)) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const channel = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  sessionStorage.setItem(CHANNEL_KEY, channel);
  return channel;
}

function isEnvelope(body: unknown): body is Envelope<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  return body.ok === false && 'error' in body && isAppErrorShape(body.error);
}

function failure(code: 'INTERNAL' | 'UNAUTHENTICATED', key: string, message: string): Envelope<never> {
  return { ok: false, error: { code, key, message } };
}
