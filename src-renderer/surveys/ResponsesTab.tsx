import { Alert, Anchor, Badge, Group, Loader, Paper, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { methodQuery } from '../api/query';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { PeriodPicker, usePeriod } from '../reports/PeriodPicker';
import { useWorkstationDay } from '../settings/hooks';
import { hrefOf } from '../shell/router';
import { useResponses, useTemplates } from './hooks';
import { textOf } from './links';

/**
 * The answer sheets of a period (a manager's: the branch's; anyone else's: their own), newest first: scores, the
 * follow-up flag, what they follow, and the words given, with filters for a template, a member of staff, sheets with
 * words, low scores and a word search. Opened from a report's figure, it starts filtered as that figure was.
 */
export function ResponsesTab({ params }: { params: URLSearchParams }) {
  const { t, language } = useI18n();
  const formats = useFormats();
  const { staff } = useSession();
  const { today } = useWorkstationDay();
  const periodState = usePeriod(today, 'this_month', { from: params.get('from'), to: params.get('to') });
  const { period } = periodState;
  const [templateId, setTemplateId] = useState<string | null>(params.get('template'));
  const [staffId, setStaffId] = useState<string | null>(params.get('staff'));
  const [withText, setWithText] = useState(params.get('text') === '1');
  const [followUpOnly, setFollowUpOnly] = useState(params.get('followUp') === '1');
  const bandParam = params.get('band');
  const [band, setBand] = useState<'promoter' | 'passive' | 'detractor' | null>(
    bandParam === 'promoter' || bandParam === 'passive' || bandParam === 'detractor' ? bandParam : null,
  );
  const [search, setSearch] = useState('');
  const templates = useTemplates();
  const seesStaff = mayCall(staff, 'staff.list');
  const staffList = useQuery({ ...methodQuery('staff.list', {}), enabled: seesStaff });
  const answers = useResponses(
    {
      ...(period ?? { from: today, to: today }),
      templateId,
      staffId,
      withText,
      followUpOnly,
      band,
      search: search.trim() || null,
      limit: 200,
    },
    period !== null,
  );
  const rows = answers.data?.rows ?? [];

  return (
    <Stack gap="md" data-testid="survey-answers">
      <Group align="flex-end" gap="sm">
        <PeriodPicker state={periodState} />
        <Select
          label={t('surveys.entry.template')}
          placeholder={t('clients.list.any')}
          clearable
          value={templateId}
          onChange={setTemplateId}
          data={(templates.data ?? []).map((x) => ({ value: x.id, label: textOf(x.current.title, language) }))}
          w={220}
          data-testid="answers-template"
        />
        {seesStaff && (
          <Select
            label={t('surveys.answers.staff')}
            placeholder={t('clients.list.any')}
            clearable
            searchable
            value={staffId}
            onChange={setStaffId}
            data={(staffList.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
            w={180}
          />
        )}
        <Select
          label={t('surveys.answers.band')}
          placeholder={t('clients.list.any')}
          clearable
          value={band}
          onChange={(value) => setBand(value === 'promoter' || value === 'passive' || value === 'detractor' ? value : null)}
          data={(['promoter', 'passive', 'detractor'] as const).map((b) => ({ value: b, label: t(`surveys.band.${b}`) }))}
          w={160}
          data-testid="answers-band"
        />
        <TextInput
          label={t('surveys.answers.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={180}
          data-testid="answers-search"
        />
      </Group>
      <Group gap="lg">
        <Switch label={t('surveys.answers.with_text')} checked={withText} onChange={(e) => setWithText(e.currentTarget.checked)} />
        <Switch
          label={t('surveys.answers.follow_up_only')}
          checked={followUpOnly}
          onChange={(e) => setFollowUpOnly(e.currentTarget.checked)}
          data-testid="answers-follow-up"
        />
        {answers.data && (
          <Text size="sm" c="dimmed" data-testid="answers-total">
            {t('surveys.answers.total', { shown: formats.count(rows.length), total: formats.count(answers.data.total) })}
          </Text>
        )}
        {answers.isFetching && <Loader size="xs" />}
      </Group>
      {answers.isError && <Alert color="red">{errorMessage(t, answers.error)}</Alert>}
      <Paper withBorder radius="md">
        {rows.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" data-testid="answers-empty">
            {t('surveys.answers.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table fz="sm" striped verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('surveys.answers.day')}</Table.Th>
                  <Table.Th>{t('surveys.entry.template')}</Table.Th>
                  <Table.Th>{t('surveys.answers.who')}</Table.Th>
                  <Table.Th>{t('surveys.answers.staff')}</Table.Th>
                  <Table.Th ta="right">CSAT</Table.Th>
                  <Table.Th ta="right">NPS</Table.Th>
                  <Table.Th>{t('surveys.answers.words')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id} data-testid="answers-row">
                    <Table.Td>{formats.date(r.day)}</Table.Td>
                    <Table.Td>
                      {textOf(r.templateTitle, language)}
                      <Text span size="xs" c="dimmed">
                        {' '}
                        v{r.versionNumber}
                      </Text>
                      {r.eventTitle && (
                        <Text size="xs" c="dimmed">
                          {r.eventTitle}
                        </Text>
                      )}
                      {r.caseNo && (
                        <Text size="xs" c="dimmed">
                          {r.caseNo}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {r.clientId ? (
                        <Anchor href={hrefOf('clients', r.clientId)} size="sm">
                          {r.clientName}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {r.respondent ?? t('surveys.entry.anonymous')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{r.staffName}</Table.Td>
                    <Table.Td ta="right">{r.csat ?? '—'}</Table.Td>
                    <Table.Td ta="right">
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {/* Group drops falsy children: a 0 would vanish as a number. */}
                        <span>{r.nps === null ? '—' : String(r.nps)}</span>
                        {r.followUp && (
                          <Badge color="red" variant="light" size="xs">
                            {t('surveys.answers.follow_up')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td maw={360}>
                      {r.texts.map((x) => (
                        <Text key={x.questionId} size="sm">
                          “{x.answer}”
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
