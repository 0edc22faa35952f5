import { Alert, Anchor, Badge, Button, Group, Loader, SegmentedControl, Table, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { Page } from '../shell/Page';
import { hrefOf, navigate, useHash } from '../shell/router';
import { type ComplaintView, useComplaintCategories, useComplaintList } from './hooks';
import { categoryLabel, DEADLINE_COLORS, STATUS_COLORS, statusLabel } from './labels';

const HANDLER_VIEWS: ComplaintView[] = ['open', 'near', 'overdue', 'mine', 'closed', 'all'];
const CLERK_VIEWS: ComplaintView[] = ['taken_by_me'];

/**
 * The case list (DOMAIN.md §5): open cases soonest due first, the near and the overdue standing out; "N" takes a
 * new complaint. Counter staff see the cases they took, officers and managers every case.
 */
export function ComplaintsPage() {
  const { t, language } = useI18n();
  const formats = useFormats();
  const { staff } = useSession();
  const handles = mayCall(staff, 'complaints.step');
  const views = handles ? HANDLER_VIEWS : CLERK_VIEWS;
  // A figure's link (`#/complaints?view=overdue`) opens that view.
  const hash = useHash();
  const asked = new URLSearchParams(hash.split('?')[1] ?? '').get('view');
  const [view, setView] = useState<ComplaintView>(
    asked && (views as readonly string[]).includes(asked) ? (asked as ComplaintView) : views[0]!,
  );
  const list = useComplaintList(view);
  const categories = useComplaintCategories();
  const cases = list.data?.pages.flatMap((p) => p.cases) ?? [];
  useHotkeys([['n', () => navigate('complaints', 'new')]]);

  return (
    <Page
      title={t('nav.complaints')}
      actions={
        <Button data-testid="complaint-new" component="a" href={hrefOf('complaints', 'new')}>
          {t('complaints.new')}
        </Button>
      }
    >
      {views.length > 1 && (
        <SegmentedControl
          data-testid="complaint-views"
          value={view}
          onChange={(value) => setView(value)}
          data={views.map((v) => ({ value: v, label: t(`complaints.view.${v}`) }))}
          w="fit-content"
        />
      )}
      {list.isError && <Alert color="red">{errorMessage(t, list.error)}</Alert>}
      {list.isPending ? (
        <Loader size="sm" />
      ) : cases.length === 0 ? (
        <Text c="dimmed" data-testid="complaint-none">
          {t('complaints.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table data-testid="complaint-list" highlightOnHover verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('complaints.case_no')}</Table.Th>
                <Table.Th>{t('complaints.complainant')}</Table.Th>
                <Table.Th>{t('complaints.business_line')}</Table.Th>
                <Table.Th>{t('complaints.cause')}</Table.Th>
                <Table.Th>{t('complaints.status')}</Table.Th>
                <Table.Th>{t('complaints.received_on')}</Table.Th>
                <Table.Th>{t('complaints.due_on')}</Table.Th>
                <Table.Th>{t('complaints.officer')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.map((c) => (
                <Table.Tr key={c.id} data-testid="complaint-row" style={{ cursor: 'pointer' }} onClick={() => navigate('complaints', c.id)}>
                  <Table.Td>
                    <Anchor href={hrefOf('complaints', c.id)} onClick={(e) => e.stopPropagation()} size="sm">
                      {c.caseNo}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.complainant}</Table.Td>
                  <Table.Td>{categoryLabel(categories.data, 'business_line', c.businessLine, language)}</Table.Td>
                  <Table.Td>{categoryLabel(categories.data, 'cause', c.cause, language)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Badge color={STATUS_COLORS[c.status]} variant="light">
                        {statusLabel(t, c.status)}
                      </Badge>
                      {c.conflicts && (
                        <Badge color="red" variant="outline">
                          {t('complaints.conflict')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formats.date(c.receivedOn)}</Table.Td>
                  <Table.Td>
                    {c.dueOn && c.deadline && c.daysLeft !== null ? (
                      <Group gap={6} wrap="nowrap">
                        <span>{formats.date(c.dueOn)}</span>
                        <Badge
                          data-testid="complaint-days-left"
                          color={DEADLINE_COLORS[c.deadline]}
                          variant={c.deadline === 'ok' ? 'light' : 'filled'}
                        >
                          {c.daysLeft < 0
                            ? t('complaints.days_over', { days: -c.daysLeft })
                            : t('complaints.days_left', { days: c.daysLeft })}
                        </Badge>
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>{c.officerName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} w="fit-content">
          {t('complaints.more')}
        </Button>
      )}
    </Page>
  );
}
