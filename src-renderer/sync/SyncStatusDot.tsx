import { ColorSwatch, Tooltip, UnstyledButton } from '@mantine/core';
import type { SyncStatus } from '../../src-shared/contract';
import type { TranslationKey } from '../i18n/dictionary';
import { keyMessage } from '../i18n/errors';
import { useT, type T } from '../i18n/I18nProvider';
import { hrefOf } from '../shell/router';
import { syncHealth, type SyncHealth } from './health';
import { useNow, useSyncStatusFeed } from './hooks';

const COLORS: Record<SyncHealth | 'unknown', string> = {
  off: 'var(--mantine-color-gray-5)',
  ok: 'var(--mantine-color-green-6)',
  syncing: 'var(--mantine-color-blue-6)',
  pending: 'var(--mantine-color-yellow-6)',
  failed: 'var(--mantine-color-red-7)',
  unknown: 'var(--mantine-color-gray-5)',
};

const LABELS: Record<SyncHealth | 'unknown', TranslationKey> = {
  off: 'sync.dot.off',
  ok: 'sync.dot.ok',
  syncing: 'sync.dot.syncing',
  pending: 'sync.dot.pending',
  failed: 'sync.dot.failed',
  unknown: 'sync.dot.unknown',
};

/** What the dot says in words: its tooltip and its accessible name are the same sentence. */
function sentence(t: T, health: SyncHealth | 'unknown', status: SyncStatus | undefined): string {
  const label = t(LABELS[health], { count: status?.pendingChanges ?? 0 });
  if (health === 'failed' && status?.lastError) {
    return t('sync.dot.failed_because', { error: keyMessage(t, status.lastError.key, status.lastError.params) });
  }
  if (status?.clockWrong) return `${label} ${t('sync.dot.clock_wrong')}`;
  return label;
}

/**
 * The shell's sync light, always in view: grey not enrolled, green fine, blue syncing, yellow changes waiting too
 * long, red the last attempt failed. It is also the way to the Sync page. Holds the app-wide status feed.
 */
export function SyncStatusDot({ locked }: { locked: boolean }) {
  const t = useT();
  const status = useSyncStatusFeed(locked);
  const now = useNow(30_000);
  const health = status.data ? syncHealth(status.data, now) : 'unknown';
  const text = sentence(t, health, status.data);

  return (
    <Tooltip label={text} multiline maw={320} withArrow events={{ hover: true, focus: true, touch: true }}>
      <UnstyledButton
        component="a"
        href={hrefOf('sync')}
        aria-label={text}
        data-testid="sync-dot"
        data-state={health}
        p={6}
        style={{ display: 'inline-flex', borderRadius: '50%' }}
      >
        <ColorSwatch component="span" color={COLORS[health]} size={12} withShadow={false} />
      </UnstyledButton>
    </Tooltip>
  );
}
