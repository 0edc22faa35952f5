import { Alert, Button, Group, Loader, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ClientSummary } from '../../src-shared/contract';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { Page } from '../shell/Page';
import { navigate, useHash } from '../shell/router';
import { useClientSearch } from './hooks';
import { ImportWizard } from './import/ImportWizard';
import { ClientList } from './list/ClientList';
import { filterFormOf, recallList, rememberList, type FilterForm } from './list/filters';
import { RESULTS_ID, ResultsTable, rowId } from './ResultsTable';
import { clientSearchRef } from './search-focus';
import { recallSearch, rememberSearch } from './search-memory';

const NO_RESULTS: ClientSummary[] = [];

/**
 * Finding the client at the counter: one box for name, pinyin, initials, mobile or ID tail, or client number;
 * arrows move the selection, Enter opens the profile, Escape starts over. The keyboard never leaves the box.
 * Beside it, the whole client list with filters (for a manager's review or an export); typing goes back to search.
 */
export function ClientsPage() {
  const t = useT();
  const { staff } = useSession();
  const [text, setText] = useState(() => recallSearch(staff.id));
  const search = useClientSearch(text);
  const [importing, setImporting] = useState(false);
  // A figure's link (`#/clients?list&…`) opens the list with its filters; otherwise the list as it was left.
  const hash = useHash();
  const [list, setList] = useState(() => {
    const asked = filterFormOf(hash);
    return asked ? { form: asked, listing: true } : recallList(staff.id);
  });
  const [lastHash, setLastHash] = useState(hash);
  if (hash !== lastHash) {
    setLastHash(hash);
    const asked = filterFormOf(hash);
    if (asked) setList({ form: asked, listing: true });
  }
  const setListing = (listing: boolean, form: FilterForm = list.form) => {
    setList({ form, listing });
    rememberList(staff.id, form, listing);
  };
  const typed = text.trim().length > 0;
  const results = typed ? (search.data?.results ?? NO_RESULTS) : NO_RESULTS;

  // The selection belongs to the list it was made in: a new answer starts again at its first row.
  const [selection, setSelection] = useState<{ of: ClientSummary[]; index: number }>({ of: NO_RESULTS, index: 0 });
  const selected = selection.of === results ? Math.min(selection.index, Math.max(results.length - 1, 0)) : 0;
  const select = (index: number) => setSelection({ of: results, index: Math.max(0, Math.min(index, results.length - 1)) });

  // Enter pressed before the answer to the latest keystroke arrived opens that answer's first row, never a row of
  // the previous answer (which may be another client).
  const [openWhenFresh, setOpenWhenFresh] = useState(false);
  const open = (client: ClientSummary) => navigate('clients', client.id);
  useEffect(() => {
    if (!openWhenFresh || !search.fresh) return;
    setOpenWhenFresh(false);
    const first = search.data?.results[0];
    if (first) navigate('clients', first.id);
  }, [openWhenFresh, search.fresh, search.data]);

  const change = (next: string) => {
    setText(next);
    setOpenWhenFresh(false);
    rememberSearch(staff.id, next);
    if (next.trim() && list.listing) setListing(false);
  };
  const showList = list.listing && !typed;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return; // an IME is still composing the Chinese characters
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        select(selected + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        select(selected - 1);
        break;
      case 'PageDown':
        event.preventDefault();
        select(selected + 10);
        break;
      case 'PageUp':
        event.preventDefault();
        select(selected - 10);
        break;
      case 'Enter': {
        event.preventDefault();
        const client = results[selected];
        if (search.fresh && client) open(client);
        else if (typed && !search.fresh) setOpenWhenFresh(true);
        break;
      }
      case 'Escape':
        event.preventDefault();
        change('');
        break;
    }
  };

  const active = results[selected];
  return (
    <Page
      title={t('nav.clients')}
      actions={
        mayCall(staff, 'clients.import') ? (
          <Button data-testid="import-open" variant="default" onClick={() => setImporting(true)}>
            {t('import.open')}
          </Button>
        ) : undefined
      }
    >
      <ImportWizard opened={importing} onClose={() => setImporting(false)} />
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          ref={clientSearchRef}
          data-testid="client-search"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-haspopup="grid"
          aria-expanded={results.length > 0}
          aria-controls={RESULTS_ID}
          aria-activedescendant={active ? rowId(active) : undefined}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          label={t('clients.search.label')}
          placeholder={t('clients.search.placeholder')}
          description={t('clients.search.shortcut')}
          value={text}
          onChange={(event) => change(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          rightSection={typed && search.isFetching ? <Loader size="xs" /> : null}
          w={560}
          maw="100%"
          size="md"
        />
        <SegmentedControl
          data-testid="clients-view"
          aria-label={t('clients.view.label')}
          value={showList ? 'list' : 'search'}
          onChange={(view) => {
            if (view === 'list') change('');
            setListing(view === 'list');
          }}
          data={[
            { value: 'search', label: t('clients.view.search') },
            { value: 'list', label: t('clients.view.list') },
          ]}
          mb={22}
        />
      </Group>
      {showList ? (
        <ClientList form={list.form} onFormChange={(form) => setListing(true, form)} />
      ) : !typed ? (
        <EmptyState state="idle" />
      ) : search.isError && !search.data ? (
        <Alert color="red" variant="light">
          {errorMessage(t, search.error)}
        </Alert>
      ) : search.data ? (
        results.length === 0 ? (
          // Shown until an answer with rows replaces it, not blanked while the next answer is on its way.
          <EmptyState state="no-match" text={text.trim()} />
        ) : (
          <Stack gap="xs">
            <Group justify="space-between" aria-live="polite">
              <Text size="sm" c="dimmed" data-testid="client-result-count">
                {search.data.kind
                  ? t('clients.results.count_by', { count: results.length, kind: t(`clients.search.kind.${search.data.kind}`) })
                  : t('clients.results.count', { count: results.length })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('clients.results.keys')}
              </Text>
            </Group>
            <ResultsTable results={results} selected={selected} onOpen={open} />
          </Stack>
        )
      ) : null}
    </Page>
  );
}

function EmptyState({ state, text }: { state: 'idle' | 'no-match'; text?: string }) {
  const t = useT();
  return (
    <Paper data-testid="client-empty" data-state={state} withBorder p="xl" radius="md" maw={560}>
      <Stack gap={4} align="flex-start">
        <Text fw={600}>{state === 'idle' ? t('clients.empty.idle_title') : t('clients.empty.no_match_title', { text: text ?? '' })}</Text>
        <Text size="sm" c="dimmed">
          {state === 'idle' ? t('clients.empty.idle_body') : t('clients.empty.no_match_body')}
        </Text>
      </Stack>
    </Paper>
  );
}
