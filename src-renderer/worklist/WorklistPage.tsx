import {
  Alert,
  Anchor,
  Badge,
  Center,
  Group,
  Loader,
  NativeSelect,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { REMINDER_KINDS, TIERS, type ReminderKind, type WorklistFilters, type WorklistRow } from '../../src-shared/contract';
import type { Tier } from '../../src-shared/domain/tier';
import { WORKLIST_GROUPS, type WorklistGroup } from '../../src-shared/domain/worklist';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { TierBadge } from '../clients/badges';
import { DeadlineItems } from '../complaints/deadlines';
import { EventNotices } from '../events/notices';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { reminderLabel } from '../reminders/labels';
import { ReminderActions } from '../reminders/ReminderActions';
import { useWorklist, useWorklistCounts } from '../reminders/hooks';
import { useWorkstationDay } from '../settings/hooks';
import { useStaffList } from '../staff/hooks';
import { hrefOf, useHash } from '../shell/router';
import { Page } from '../shell/Page';

const NO_ROWS: WorklistRow[] = [];
/** Every row one line high (cells truncate), so the virtualizer's estimate is exact and rows never jump. */
const ROW_HEIGHT = 49;
/** Rows from the end of what is loaded at which the next page is asked for. */
const NEAR_END_ROWS = 30;

/** The worklist's address: `#/worklist?group=overdue&kind=…&tier=…&staff=…` (a home screen's figure links here). */
export function worklistHref(filters: WorklistFilters): string {
  const params = new URLSearchParams();
  if (filters.group) params.set('group', filters.group);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.tier) params.set('tier', filters.tier);
  if (filters.managerId) params.set('staff', filters.managerId);
  const query = params.toString();
  return query ? `${hrefOf('worklist')}?${query}` : hrefOf('worklist');
}

function filtersOf(hash: string): WorklistFilters {
  const params = new URLSearchParams(hash.split('?')[1] ?? '');
  const group = params.get('group');
  const kind = params.get('kind');
  const tier = params.get('tier');
  const staff = params.get('staff');
  return {
    ...(group && (WORKLIST_GROUPS as readonly string[]).includes(group) ? { group: group as WorklistGroup } : {}),
    ...(kind && (REMINDER_KINDS as readonly string[]).includes(kind) ? { kind: kind as ReminderKind } : {}),
    ...(tier && (TIERS as readonly string[]).includes(tier) ? { tier: tier as Tier } : {}),
    ...(staff ? { managerId: staff } : {}),
  };
}

/**
 * What is due with the staff member's clients (DOMAIN.md §3, issue 13) — their own as relationship manager, the whole
 * branch for a manager — the complaint deadlines and event notices first, then the reminders of one group (overdue,
 * today, upcoming, or the cadence items long overdue, one line per client) with each group's count, most urgent
 * first, then by due date. Filters by kind, tier and (for a manager) staff member; the address keeps them, so a home
 * screen's figure opens exactly this list. Only the rows in view are drawn; scrolling near the end loads the next page.
 */
export function WorklistPage() {
  const t = useT();
  const formats = useFormats();
  const { staff } = useSession();
  const hash = useHash();
  const asked = useMemo(() => filtersOf(hash), [hash]);
  const askedGroup = asked.group;
  const scope = useMemo(() => ({ ...asked, group: undefined }), [asked]);
  const counts = useWorklistCounts(scope);
  const c = counts.data;
  // Unless a group is asked for: the one an urgent item heads, else the first that has items (overdue, today, upcoming).
  const group: WorklistGroup | null =
    askedGroup ??
    (c ? (c.urgentOverdue > 0 ? 'overdue' : c.urgent > 0 ? 'today' : (WORKLIST_GROUPS.find((g) => c[g] > 0) ?? 'today')) : null);
  const seesBranch = mayCall(staff, 'staff.list');
  const staffList = useStaffList();
  // A group chosen stays; a group picked for the staff member is picked again under new filters.
  const go = (change: Partial<WorklistFilters>) => {
    const next = { ...asked, ...change };
    window.location.hash = worklistHref(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
  };

  return (
    <Page title={t('nav.worklist')} wide>
      <DeadlineItems />
      <EventNotices />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          data-testid="worklist-kind"
          label={t('reminders.col.kind')}
          data={[
            { value: '', label: t('clients.list.any') },
            ...REMINDER_KINDS.map((k) => ({ value: k, label: t(`reminders.kind.${k}`) })),
          ]}
          value={asked.kind ?? ''}
          onChange={(e) => go({ kind: (e.currentTarget.value || undefined) as ReminderKind | undefined })}
          w={220}
        />
        <NativeSelect
          data-testid="worklist-tier"
          label={t('clients.col.tier')}
          data={[{ value: '', label: t('clients.list.any') }, ...TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) }))]}
          value={asked.tier ?? ''}
          onChange={(e) => go({ tier: (e.currentTarget.value || undefined) as Tier | undefined })}
          w={140}
        />
        {seesBranch && (
          <NativeSelect
            data-testid="worklist-staff"
            label={t('worklist.staff')}
            data={[
              { value: '', label: t('worklist.staff_all') },
              ...(staffList.data ?? []).filter((s) => !s.disabled).map((s) => ({ value: s.id, label: s.displayName })),
            ]}
            value={asked.managerId ?? ''}
            onChange={(e) => go({ managerId: e.currentTarget.value || undefined })}
            w={200}
          />
        )}
      </Group>
      <SegmentedControl
        data-testid="worklist-groups"
        value={group ?? ''}
        onChange={(g) => go({ group: g as WorklistGroup })}
        data={WORKLIST_GROUPS.map((g) => ({
          value: g,
          label: `${t(`worklist.group.${g}`)}${c ? ` · ${formats.count(c[g])}` : ''}`,
        }))}
        w="fit-content"
      />
      {group === 'long_overdue' && (
        <Text size="sm" c="dimmed" data-testid="worklist-long-hint">
          {t('worklist.long_hint')}
        </Text>
      )}
      {group ? (
        <GroupList filters={{ ...scope, group }} />
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </Page>
  );
}

function GroupList({ filters }: { filters: WorklistFilters }) {
  const t = useT();
  const formats = useFormats();
  const { today } = useWorkstationDay();
  const list = useWorklist(filters);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows) ?? NO_ROWS, [list.data]);
  const refreshing = list.data?.pages[0]?.refreshing ?? false;
  const progress = list.data?.pages[0]?.refreshProgress ?? null;

  const viewportRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => (rows[index] ? `${rows[index].clientId}/${rows[index].key}` : index),
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastInView = items[items.length - 1]?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const more = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  useEffect(() => {
    if (rows.length > 0 && lastInView >= rows.length - NEAR_END_ROWS) more();
  }, [lastInView, rows.length, more]);
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <Stack gap="xs">
      {refreshing && (
        <Alert color="blue" variant="light" data-testid="worklist-refreshing">
          {progress
            ? t('reminders.refreshing_progress', { done: formats.count(progress.done), total: formats.count(progress.total) })
            : t('reminders.refreshing')}
        </Alert>
      )}
      {list.isError && (
        <Alert color="red" variant="light">
          {errorMessage(t, list.error)}
        </Alert>
      )}
      <Paper withBorder radius="md">
        {list.isPending ? (
          <Center py="xl">
            <Loader />
          </Center>
        ) : rows.length === 0 ? (
          <Text data-testid="worklist-empty" c="dimmed" ta="center" py="xl">
            {t('reminders.none')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah="calc(100dvh - 330px)" mih={ROW_HEIGHT * 4} viewportRef={viewportRef} type="auto" offsetScrollbars>
            <Table
              data-testid="worklist-table"
              layout="fixed"
              miw={960}
              highlightOnHover
              aria-label={t('nav.worklist')}
              aria-rowcount={rows.length}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={320}>{t('reminders.col.client')}</Table.Th>
                  <Table.Th>{t('reminders.col.kind')}</Table.Th>
                  <Table.Th w={210}>{t('reminders.col.due')}</Table.Th>
                  <Table.Th w={250}>{t('reminders.col.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {paddingTop > 0 && (
                  <tr aria-hidden>
                    <td colSpan={4} style={{ height: paddingTop, padding: 0, border: 0 }} />
                  </tr>
                )}
                {items.map((item) => {
                  const r = rows[item.index];
                  if (!r) return null;
                  const label = reminderLabel(t, r);
                  return (
                    <Table.Tr
                      key={item.key}
                      h={ROW_HEIGHT}
                      data-testid="worklist-row"
                      data-kind={r.kind}
                      data-urgency={r.urgency}
                      data-overdue={r.overdue || undefined}
                      aria-rowindex={item.index + 2}
                    >
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Anchor
                            href={hrefOf('clients', r.clientId)}
                            data-testid="worklist-client"
                            fw={600}
                            style={{ whiteSpace: 'nowrap' }}
                          >
                            {r.clientName}
                          </Anchor>
                          <TierBadge tier={r.tier} />
                          <Text size="xs" c="dimmed" ff="monospace" truncate>
                            {r.clientNo}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          {r.urgency === 0 && (
                            <Badge color="red" size="sm" data-testid="urgent-badge">
                              {t('worklist.urgent')}
                            </Badge>
                          )}
                          <Text size="sm" truncate>
                            {r.missed !== null ? t('worklist.missed', { label, n: r.missed }) : label}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                            {formats.date(r.dueDate)}
                          </Text>
                          {r.overdue && (
                            <Badge color="red" variant="light" size="sm" data-testid="overdue-badge">
                              {t('reminders.overdue')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <ReminderActions clientId={r.clientId} reminderKey={r.key} today={today} label={`${r.clientName} · ${label}`} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
                {paddingBottom > 0 && (
                  <tr aria-hidden>
                    <td colSpan={4} style={{ height: paddingBottom, padding: 0, border: 0 }} />
                  </tr>
                )}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Paper>
      {isFetchingNextPage && (
        <Center>
          <Loader size="sm" />
        </Center>
      )}
    </Stack>
  );
}
