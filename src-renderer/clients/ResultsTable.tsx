import { Anchor, Badge, Group, ScrollArea, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientSummary } from '../../src-shared/contract';
import { useT } from '../i18n/I18nProvider';
import { hrefOf } from '../shell/router';
import { LifecycleBadge, RiskLevel, TierBadge } from './badges';

/** Every row one line high (cells truncate), so the virtualizer's estimate is exact and rows never jump. */
const ROW_HEIGHT = 41;
const COLUMNS = 8;
export const RESULTS_ID = 'client-results';

export function rowId(client: ClientSummary): string {
  return `client-row-${client.id}`;
}

/** Rows from the end of what is loaded at which a paged list asks for its next page. */
const NEAR_END_ROWS = 40;

/**
 * Clients as a table that renders only the rows in view: the search's ranked matches, or a page of the filtered
 * list. Whoever holds the keyboard focus (the search box, the list) drives the selection through
 * aria-activedescendant, so typing, arrows and Enter never leave it. A paged list passes `onNearEnd` to be told
 * when the staff member scrolls close to the last loaded row.
 */
export function ResultsTable({
  results,
  selected,
  onOpen,
  onNearEnd,
  id = RESULTS_ID,
  testId = 'client-results',
  rowTestId = 'client-row',
  label,
  totalRows,
}: {
  results: ClientSummary[];
  selected: number;
  onOpen: (client: ClientSummary) => void;
  onNearEnd?: () => void;
  id?: string;
  testId?: string;
  rowTestId?: string;
  label?: string;
  /** The rows the whole list has, when more than are loaded (for assistive technology's "row n of m"). */
  totalRows?: number;
}) {
  const t = useT();
  const viewportRef = useRef<HTMLDivElement>(null);
  // The rows start below the sticky header: the virtualizer counts it as a margin, and scrolling a row into view
  // keeps it clear of the header.
  const [headerHeight, setHeaderHeight] = useState(ROW_HEIGHT);
  const measureHeader = useCallback((thead: HTMLTableSectionElement | null) => {
    if (thead) setHeaderHeight(thead.offsetHeight);
  }, []);
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => results[index]?.id ?? index,
    overscan: 8,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });

  useEffect(() => {
    if (selected < results.length) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, results, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const lastInView = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (onNearEnd && results.length > 0 && lastInView >= results.length - NEAR_END_ROWS) onNearEnd();
  }, [lastInView, results.length, onNearEnd]);
  const paddingTop = (items[0]?.start ?? headerHeight) - headerHeight;
  const paddingBottom = virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? headerHeight) - headerHeight);

  return (
    <ScrollArea.Autosize mah="calc(100dvh - 290px)" mih={ROW_HEIGHT * 4} viewportRef={viewportRef} type="auto" offsetScrollbars>
      <Table
        id={id}
        data-testid={testId}
        aria-label={label ?? t('clients.results.label')}
        aria-rowcount={(totalRows ?? results.length) + 1}
        stickyHeader
        layout="fixed"
        highlightOnHover
        miw={980}
        bg="var(--mantine-color-body)"
      >
        <Table.Thead ref={measureHeader}>
          <Table.Tr>
            <Table.Th w={150}>{t('clients.col.name')}</Table.Th>
            <Table.Th w={76}>{t('clients.col.tier')}</Table.Th>
            <Table.Th w={100}>{t('clients.col.lifecycle')}</Table.Th>
            <Table.Th w={150}>{t('clients.col.client_no')}</Table.Th>
            <Table.Th w={120}>{t('clients.col.mobile')}</Table.Th>
            <Table.Th w={180}>{t('clients.col.id')}</Table.Th>
            <Table.Th w={100}>{t('clients.col.manager')}</Table.Th>
            <Table.Th w={104}>{t('clients.col.risk')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {paddingTop > 0 && (
            <Table.Tr aria-hidden>
              <Table.Td colSpan={COLUMNS} h={paddingTop} p={0} />
            </Table.Tr>
          )}
          {items.map((item) => {
            const client = results[item.index];
            if (!client) return null;
            const isSelected = item.index === selected;
            return (
              <Table.Tr
                key={item.key}
                id={rowId(client)}
                data-testid={rowTestId}
                data-client-id={client.id}
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                h={ROW_HEIGHT}
                bg={isSelected ? 'var(--mantine-primary-color-light)' : undefined}
                style={{ cursor: 'pointer' }}
                onClick={() => onOpen(client)}
              >
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Anchor href={hrefOf('clients', client.id)} tabIndex={-1} size="sm" fw={600} truncate>
                      {client.name}
                    </Anchor>
                    {client.kind === 'corporate' && (
                      <Badge size="xs" variant="outline" color="gray" tt="none">
                        {t('clients.kind.corporate')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <TierBadge tier={client.tier} />
                </Table.Td>
                <Table.Td>
                  <LifecycleBadge lifecycle={client.lifecycle} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" truncate>
                    {client.clientNo}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" truncate>
                    {client.maskedMobile ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" truncate>
                    {client.maskedId}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate c={client.managerName ? undefined : 'dimmed'}>
                    {client.managerName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RiskLevel level={client.riskLevel} expired={client.riskExpired} size="xs" />
                </Table.Td>
              </Table.Tr>
            );
          })}
          {paddingBottom > 0 && (
            <Table.Tr aria-hidden>
              <Table.Td colSpan={COLUMNS} h={paddingBottom} p={0} />
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
