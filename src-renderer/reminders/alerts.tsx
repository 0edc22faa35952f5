import { Badge } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api/client';
import { useT } from '../i18n/I18nProvider';
import { hrefOf } from '../shell/router';
import { useWorklistCounts } from './hooks';
import { reminderLabel } from './labels';

/**
 * Says when an urgent item (a large outflow: contact within 24 hours) is on the staff member's worklist: once at
 * sign-in for what is already there, then for each new one — the day turned, a colleague logged it, or a sync
 * brought it (a finished sync reads the counts again at once).
 */
export function UrgentAlerts() {
  const t = useT();
  const counts = useWorklistCounts();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.on('sync.status', (status) => {
        if (status.running) return;
        void queryClient.invalidateQueries({ queryKey: ['reminders.counts'] });
        void queryClient.invalidateQueries({ queryKey: ['reminders.worklist'] });
      }),
    [queryClient],
  );
  const seen = useRef<string | null | undefined>(undefined);
  const data = counts.data;
  useEffect(() => {
    if (!data) return;
    const latest = data.latestUrgent;
    const key = latest ? `${latest.clientId}/${latest.key}` : null;
    const first = seen.current === undefined;
    if (latest && key !== seen.current && (first ? data.urgent > 0 : true)) {
      notifications.show({
        id: 'worklist-urgent',
        color: 'red',
        title: first ? t('worklist.alert.summary', { n: data.urgent }) : t('worklist.alert.new'),
        message: (
          <a href={hrefOf('clients', latest.clientId)} data-testid="urgent-alert-link">
            {`${latest.clientName} · ${reminderLabel(t, { kind: latest.kind, detail: null })}`}
          </a>
        ),
        autoClose: 15_000,
      });
    }
    // Nothing urgent any more (done, or its client removed with the demo data): the announcement goes too.
    if (!latest) notifications.hide('worklist-urgent');
    seen.current = key;
  }, [data, t]);
  return null;
}

/** The count beside Worklist in the navigation: what is overdue or due today; red while an urgent item waits. */
export function WorklistCount() {
  const counts = useWorklistCounts();
  const c = counts.data;
  if (!c) return null;
  const n = c.overdue + c.today;
  if (n === 0) return null;
  return (
    <Badge size="sm" color={c.urgent > 0 ? 'red' : 'gray'} variant={c.urgent > 0 ? 'filled' : 'light'} data-testid="nav-worklist-count">
      {n > 999 ? '999+' : n}
    </Badge>
  );
}
