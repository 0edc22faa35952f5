import { Alert, Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { WorklistCounts } from '../../src-shared/contract';
import { presetPeriod } from '../../src-shared/domain/periods';
import type { ReminderKind } from '../../src-shared/domain/reminders';
import { methodQuery } from '../api/query';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { TierBadge } from '../clients/badges';
import { clientListHref } from '../clients/list/filters';
import { rememberSearch } from '../clients/search-memory';
import { daysText, useComplaintDeadlines } from '../complaints/deadlines';
import { DEADLINE_COLORS } from '../complaints/labels';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { useWorklist, useWorklistCounts } from '../reminders/hooks';
import { reminderLabel } from '../reminders/labels';
import { ClientFigures, percentOf, useClientsReport } from '../reports/ClientsReport';
import { Figure } from '../reports/Figure';
import { useWorkstationDay } from '../settings/hooks';
import { hrefOf, navigate } from '../shell/router';
import { Page } from '../shell/Page';
import { worklistHref } from '../worklist/WorklistPage';

/**
 * What each member of staff looks at first every morning (issue 13), by role — a person with several roles sees each
 * of their parts: the counter the search, today's own items and the clients waiting for a call back; a relationship
 * manager their items by urgency, their coverage and opportunities; a complaint officer their cases by days left; an
 * event coordinator the coming events; the branch manager the branch's figures. Every figure opens its list.
 */
export function HomePage() {
  const t = useT();
  const { staff } = useSession();
  const roles = staff.roles;
  const manager = roles.includes('manager') || roles.includes('admin');
  return (
    <Page title={t('home.title', { name: staff.displayName })} wide>
      <Stack gap="lg" data-testid="home" data-roles={roles.join(' ')}>
        {roles.includes('counter') && <CounterSearch />}
        <MyDay />
        <MyBook />
        {roles.includes('complaints') && <MyCases />}
        {(roles.includes('events') || manager) && <ComingEvents />}
        {manager && <BranchFigures />}
      </Stack>
    </Page>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Stack gap="xs" data-testid={testId}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The counter's search box: Enter opens the client search with what was typed. */
function CounterSearch() {
  const t = useT();
  const { staff } = useSession();
  const [text, setText] = useState('');
  return (
    <TextInput
      data-testid="home-search"
      size="md"
      w={560}
      maw="100%"
      autoFocus
      label={t('clients.search.label')}
      placeholder={t('clients.search.placeholder')}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
        rememberSearch(staff.id, text);
        navigate('clients');
      }}
    />
  );
}

/** Every open item of a count: the groups' sum (a call back raised today is due tomorrow, among the upcoming). */
function openItems(c: WorklistCounts): number {
  return c.overdue + c.today + c.upcoming + c.long_overdue;
}

/** The open items of one kind of call-back on the staff member's worklist, opening the worklist filtered to it. */
function CallBackFigure({ testId, kind, label, hint }: { testId: string; kind: ReminderKind; label: string; hint: string }) {
  const formats = useFormats();
  const counts = useWorklistCounts({ kind });
  return (
    <Figure
      testId={testId}
      label={label}
      value={counts.data ? formats.count(openItems(counts.data)) : '…'}
      hint={hint}
      href={worklistHref({ kind })}
    />
  );
}

/** Today's items of the staff member's own scope: the counts per group, and the most urgent items first. */
function MyDay() {
  const t = useT();
  const formats = useFormats();
  const counts = useWorklistCounts();
  const c = counts.data;
  const items = useWorklist({ group: 'today' });
  const overdueItems = useWorklist({ group: 'overdue' });
  const top = [...(items.data?.pages[0]?.rows ?? []), ...(overdueItems.data?.pages[0]?.rows ?? [])]
    .sort((a, b) => a.urgency - b.urgency || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))
    .slice(0, 8);
  return (
    <Section title={t('home.my_day')} testId="home-my-day">
      {counts.isError && (
        <Alert color="red" variant="light">
          {errorMessage(t, counts.error)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 6 }}>
        <Figure
          testId="home-urgent"
          label={t('home.urgent')}
          value={c ? formats.count(c.urgent) : '…'}
          alert={(c?.urgent ?? 0) > 0}
          href={worklistHref({ kind: 'large_outflow' })}
        />
        {(['today', 'overdue', 'upcoming'] as const).map((group) => (
          <Figure
            key={group}
            testId={`home-${group}`}
            label={t(`worklist.group.${group}`)}
            value={c ? formats.count(c[group]) : '…'}
            href={worklistHref({ group })}
          />
        ))}
        <CallBackFigure testId="home-follow-ups" kind="follow_up" label={t('home.follow_ups')} hint={t('home.follow_ups_hint')} />
        <CallBackFigure testId="home-callbacks" kind="survey_follow_up" label={t('home.callbacks')} hint={t('home.callbacks_hint')} />
      </SimpleGrid>
      {top.length > 0 && (
        <Paper withBorder radius="md">
          <Table data-testid="home-top-items" verticalSpacing={6}>
            <Table.Tbody>
              {top.map((r) => (
                <Table.Tr key={`${r.clientId}/${r.key}`} data-urgency={r.urgency}>
                  <Table.Td w={220}>
                    <Group gap={6} wrap="nowrap">
                      <Anchor href={hrefOf('clients', r.clientId)} fw={600}>
                        {r.clientName}
                      </Anchor>
                      <TierBadge tier={r.tier} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {r.urgency === 0 && (
                        <Badge color="red" size="sm">
                          {t('worklist.urgent')}
                        </Badge>
                      )}
                      <Text size="sm">{reminderLabel(t, r)}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td w={140} ta="right">
                    <Text size="sm" ff="monospace" c={r.overdue ? 'red' : undefined}>
                      {formats.date(r.dueDate)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Section>
  );
}

/** A relationship manager's book: coverage of their VIP and potential clients, their opportunities open. */
function MyBook() {
  const t = useT();
  const formats = useFormats();
  const { staff } = useSession();
  const mine = useQuery({ ...methodQuery('home.mine', {}), staleTime: 30_000 });
  const m = mine.data;
  if (!m || m.clients === 0) return null;
  return (
    <Section title={t('home.my_book', { n: formats.count(m.clients) })} testId="home-my-book">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {m.coverage.map((c) => (
          <Figure
            key={c.tier}
            testId={`home-coverage-${c.tier}`}
            label={t('home.coverage', { tier: t(`tier.${c.tier}`) })}
            value={percentOf(c.covered, c.clients)}
            hint={t('home.uncovered', { n: formats.count(c.clients - c.covered), total: formats.count(c.clients) })}
            href={clientListHref({ managerId: staff.id, tier: c.tier, covered: false })}
          />
        ))}
        <Figure
          testId="home-opportunities"
          label={t('home.opportunities')}
          value={formats.count(m.followUpsDue)}
          hint={t('home.opportunities_ahead', { n: formats.count(m.followUpsAhead) })}
          href={worklistHref({ kind: 'follow_up' })}
        />
      </SimpleGrid>
    </Section>
  );
}

/** A complaint officer's cases, the nearest deadline first. */
function MyCases() {
  const t = useT();
  const cases = useQuery({ ...methodQuery('complaints.list', { view: 'mine', limit: 12 }), staleTime: 30_000 });
  const rows = cases.data?.cases ?? [];
  return (
    <Section title={t('home.my_cases')} testId="home-my-cases">
      <CaseFigures prefix="home-cases" />
      {cases.isPending ? (
        <Loader size="sm" />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('home.no_cases')}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table data-testid="home-cases" verticalSpacing={6}>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td w={160}>
                    <Anchor href={hrefOf('complaints', c.id)} ff="monospace">
                      {c.caseNo}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.complainant}</Table.Td>
                  <Table.Td w={160} ta="right">
                    {c.daysLeft !== null && (
                      <Badge color={c.deadline ? DEADLINE_COLORS[c.deadline] : 'gray'} variant="light">
                        {daysText(t, c)}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Section>
  );
}

/** The cases past and near their deadline, each opening the complaints list's view of them. */
function CaseFigures({ prefix }: { prefix: string }) {
  const t = useT();
  const formats = useFormats();
  const deadlines = useComplaintDeadlines();
  const d = deadlines.data;
  if (!d) return null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }}>
      <Figure
        testId={`${prefix}-overdue`}
        label={t('home.cases_overdue')}
        value={formats.count(d.overdue)}
        alert={d.overdue > 0}
        href={`${hrefOf('complaints')}?view=overdue`}
      />
      <Figure
        testId={`${prefix}-near`}
        label={t('home.cases_near')}
        value={formats.count(d.near)}
        href={`${hrefOf('complaints')}?view=near`}
      />
    </SimpleGrid>
  );
}

/** The coming events with their places: accepted (seated) of capacity, and the waiting list. */
function ComingEvents() {
  const t = useT();
  const formats = useFormats();
  const events = useQuery({ ...methodQuery('events.list', { view: 'upcoming' }), staleTime: 30_000 });
  const rows = (events.data ?? []).slice(0, 8);
  return (
    <Section title={t('home.events')} testId="home-events">
      {events.isPending ? (
        <Loader size="sm" />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('home.no_events')}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table data-testid="home-event-rows" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('home.event')}</Table.Th>
                <Table.Th w={130}>{t('home.event_day')}</Table.Th>
                <Table.Th w={150} ta="right">
                  {t('home.accepted_capacity')}
                </Table.Th>
                <Table.Th w={100} ta="right">
                  {t('home.waitlist')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Anchor href={hrefOf('events', e.id)}>{e.title}</Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace">{formats.date(e.startsOn)}</Table.Td>
                  <Table.Td ta="right">{`${formats.count(e.counts.seated)} / ${formats.count(e.capacity)}`}</Table.Td>
                  <Table.Td ta="right">{formats.count(e.counts.waitlisted)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Section>
  );
}

/** The branch manager's figures: the clients report of the last twelve months, and the complaints to decide. */
function BranchFigures() {
  const t = useT();
  const { staff } = useSession();
  const { today } = useWorkstationDay();
  const report = useClientsReport(presetPeriod('last_12_months', today));
  return (
    <Section title={t('home.branch')} testId="home-branch">
      {mayCall(staff, 'complaints.deadlines') && <CaseFigures prefix="home-branch-cases" />}
      {report.isError && (
        <Alert color="red" variant="light">
          {errorMessage(t, report.error)}
        </Alert>
      )}
      {report.data ? <ClientFigures r={report.data} compact /> : report.isPending ? <Loader /> : null}
    </Section>
  );
}
