import { Alert, Box, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { ClientSummary } from '../../../src-shared/contract';
import { errorMessage } from '../../i18n/errors';
import { useFormats } from '../../i18n/formats';
import { useT } from '../../i18n/I18nProvider';
import { navigate } from '../../shell/router';
import { ResultsTable, rowId } from '../ResultsTable';
import { ExportButtons } from './ExportButtons';
import { toClientFilters, type FilterForm } from './filters';
import { useClientList } from './hooks';
import { ListFilters } from './ListFilters';

const LIST_ID = 'client-list';
/** The tag is typed: ask once the staff member pauses. */
const TAG_DEBOUNCE_MS = 250;
const NO_ROWS: ClientSummary[] = [];

/**
 * Every client of the branch, filtered, in client-number order: the rows scroll in pages as the staff member nears
 * the end. The list takes the keyboard like the search does (arrows, Page keys, Enter opens the profile).
 */
export function ClientList({ form, onFormChange }: { form: FilterForm; onFormChange: (form: FilterForm) => void }) {
  const t = useT();
  const formats = useFormats();
  const [tag] = useDebouncedValue(form.tag, TAG_DEBOUNCE_MS);
  const filters = useMemo(() => toClientFilters({ ...form, tag }), [form, tag]);
  const list = useClientList(filters);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.rows) ?? NO_ROWS, [list.data]);

  const [selection, setSelection] = useState<{ of: ClientSummary[]; index: number }>({ of: NO_ROWS, index: 0 });
  // Loading the next page keeps the row the staff member was on; new filters start again at the top.
  const selected = selection.of === NO_ROWS ? 0 : Math.min(selection.index, Math.max(rows.length - 1, 0));
  const select = (index: number) => setSelection({ of: rows, index: Math.max(0, Math.min(index, rows.length - 1)) });
  const [lastFilters, setLastFilters] = useState(filters);
  if (lastFilters !== filters) {
    setLastFilters(filters);
    setSelection({ of: NO_ROWS, index: 0 });
  }

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const open = (client: ClientSummary) => navigate('clients', client.id);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    const step = steps[event.key];
    if (step !== undefined) {
      event.preventDefault();
      select(selected + step);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const client = rows[selected];
      if (client) open(client);
    }
  };
  const active = rows[selected];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <ListFilters form={form} onChange={onFormChange} />
        <ExportButtons filters={filters} />
      </Group>
      {(form.tierMove || form.covered !== undefined || form.firstBusiness) && (
        <Group gap="xs" data-testid="list-figure-filters">
          {form.tierMove && (
            <Button size="compact-sm" variant="light" rightSection="×" onClick={() => onFormChange({ ...form, tierMove: undefined })}>
              {t(form.tierMove.direction === 'up' ? 'clients.list.moved_up' : 'clients.list.moved_down', { month: form.tierMove.month })}
            </Button>
          )}
          {form.firstBusiness && (
            <Button size="compact-sm" variant="light" rightSection="×" onClick={() => onFormChange({ ...form, firstBusiness: undefined })}>
              {t('clients.list.began', { from: form.firstBusiness.from, to: form.firstBusiness.to })}
            </Button>
          )}
          {form.covered !== undefined && (
            <Button size="compact-sm" variant="light" rightSection="×" onClick={() => onFormChange({ ...form, covered: undefined })}>
              {t(form.covered ? 'clients.list.covered' : 'clients.list.uncovered')}
            </Button>
          )}
        </Group>
      )}
      {list.isError && !list.data ? (
        <Alert color="red" variant="light">
          {errorMessage(t, list.error)}
        </Alert>
      ) : !list.data ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : rows.length === 0 ? (
        <Paper data-testid="client-list-empty" withBorder p="xl" radius="md" maw={560}>
          <Text fw={600}>{t('clients.list.empty')}</Text>
        </Paper>
      ) : (
        <Stack gap="xs">
          <Group justify="space-between" aria-live="polite">
            <Text size="sm" c="dimmed" data-testid="client-list-count">
              {hasNextPage
                ? t('clients.list.count_more', { count: formats.count(rows.length) })
                : t('clients.list.count', { count: formats.count(rows.length) })}
            </Text>
            <Group gap="xs">
              {isFetchingNextPage && <Loader size="xs" />}
              <Text size="xs" c="dimmed">
                {t('clients.list.keys')}
              </Text>
            </Group>
          </Group>
          <Box
            tabIndex={0}
            role="group"
            aria-label={t('clients.list.label')}
            aria-activedescendant={active ? rowId(active) : undefined}
            onKeyDown={onKeyDown}
            style={{ outlineOffset: 2 }}
          >
            <ResultsTable
              id={LIST_ID}
              testId="client-list"
              rowTestId="client-list-row"
              label={t('clients.list.label')}
              results={rows}
              selected={selected}
              onOpen={open}
              onNearEnd={loadMore}
              totalRows={hasNextPage ? undefined : rows.length}
            />
          </Box>
        </Stack>
      )}
    </Stack>
  );
}
