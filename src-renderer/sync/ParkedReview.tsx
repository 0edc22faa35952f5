import { Alert, Button, Checkbox, Group, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { contract } from '../../src-shared/contract';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { check, useFieldIssues } from '../forms/validation';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { Section } from '../shell/Section';
import { useDiscardParked, useParkedChanges } from './hooks';
import { parkedReason, tableLabel } from './labels';

/**
 * Received changes that have waited longer than the review setting (default 30 days) for what they refer to: most
 * likely it never reaches this branch (another workstation's demo data, a client of another branch). They stay
 * until an administrator discards them, chosen or all at once, with a reason that goes on the audit log.
 */
export function ParkedReview() {
  const { t, formatDateTime } = useI18n();
  const formats = useFormats();
  const { staff } = useSession();
  const parked = useParkedChanges(true);
  const discard = useDiscardParked();
  const fields = useFieldIssues();
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [reason, setReason] = useState('');
  const rows = useMemo(() => parked.data?.pages.flatMap((p) => p.rows) ?? [], [parked.data]);
  const first = parked.data?.pages[0];
  const mayDiscard = mayCall(staff, 'sync.discardParked');
  if (!first || first.total === 0) return null;

  const run = (which: { seqs: number[] } | { all: true }) => {
    const checked = check(contract['sync.discardParked'].input, { ...which, reason });
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    discard.mutate(checked.data, {
      onSuccess: (result) => {
        setChosen(new Set());
        setReason('');
        notifications.show({ color: 'teal', message: t('sync.parked_review.discarded', { count: formats.count(result.discarded) }) });
      },
      onError: fields.takeFrom,
    });
  };
  const toggle = (seq: number, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(seq);
      else next.delete(seq);
      return next;
    });

  return (
    <Section
      title={t('sync.parked_review.title')}
      description={t('sync.parked_review.description', { days: first.olderThanDays, count: formats.count(first.total) })}
      testId="sync-parked-review"
    >
      <ScrollArea.Autosize mah={360} type="auto">
        <Table striped highlightOnHover stickyHeader verticalSpacing={4} data-testid="parked-table">
          <Table.Thead>
            <Table.Tr>
              {mayDiscard && (
                <Table.Th w={36}>
                  <Checkbox
                    aria-label={t('sync.parked_review.choose_shown')}
                    checked={rows.length > 0 && rows.every((r) => chosen.has(r.seq))}
                    indeterminate={chosen.size > 0 && !rows.every((r) => chosen.has(r.seq))}
                    onChange={(e) => setChosen(e.currentTarget.checked ? new Set(rows.map((r) => r.seq)) : new Set())}
                  />
                </Table.Th>
              )}
              <Table.Th>{t('sync.parked_review.what')}</Table.Th>
              <Table.Th>{t('sync.parked_review.about')}</Table.Th>
              <Table.Th>{t('sync.parked_review.reason')}</Table.Th>
              <Table.Th>{t('sync.parked_review.since')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.seq}>
                {mayDiscard && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t('sync.parked_review.choose', { what: tableLabel(t, r.table) })}
                      checked={chosen.has(r.seq)}
                      onChange={(e) => toggle(r.seq, e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td>{tableLabel(t, r.table)}</Table.Td>
                <Table.Td>{r.about ?? '—'}</Table.Td>
                <Table.Td>{parkedReason(t, r)}</Table.Td>
                <Table.Td>{formatDateTime(r.parkedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('sync.parked_review.shown', { shown: formats.count(rows.length), total: formats.count(first.total) })}
        </Text>
        {parked.hasNextPage && (
          <Button size="xs" variant="subtle" onClick={() => void parked.fetchNextPage()} loading={parked.isFetchingNextPage}>
            {t('sync.parked_review.more')}
          </Button>
        )}
      </Group>
      {mayDiscard ? (
        <Stack gap="xs" maw={620}>
          <TextInput
            data-testid="parked-reason"
            label={t('sync.parked_review.reason_label')}
            placeholder={t('sync.parked_review.reason_placeholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fields.errorOf('reason')}
          />
          <Group gap="xs">
            <Button
              data-testid="parked-discard-chosen"
              color="red"
              variant="light"
              disabled={chosen.size === 0}
              loading={discard.isPending}
              onClick={() => run({ seqs: [...chosen] })}
            >
              {t('sync.parked_review.discard_chosen', { count: formats.count(chosen.size) })}
            </Button>
            <Button
              data-testid="parked-discard-all"
              color="red"
              variant="subtle"
              loading={discard.isPending}
              onClick={() => run({ all: true })}
            >
              {t('sync.parked_review.discard_all', { count: formats.count(first.total) })}
            </Button>
          </Group>
          {discard.isError && !fields.errorOf('reason') && (
            <Alert color="red" variant="light">
              {errorMessage(t, discard.error)}
            </Alert>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('sync.parked_review.ask_admin')}
        </Text>
      )}
    </Section>
  );
}
