import { Alert, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import type { ComplaintCase } from '../../src-shared/contract';
import type { ComplaintEventKind } from '../../src-shared/domain/complaints';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { Page } from '../shell/Page';
import { hrefOf } from '../shell/router';
import { Attachments } from './Attachments';
import { useComplaint, useComplaintCategories } from './hooks';
import { categoryLabel, DEADLINE_COLORS, STATUS_COLORS, statusLabel, stepLabel } from './labels';
import { StepForm } from './StepForm';

type Content = NonNullable<ComplaintCase['content']>;

/**
 * One case (DOMAIN.md §5): how it stands and against which clock, what the complainant said and asks for, every step
 * so far (never edited; a correction is a step of its own), and the steps this member of staff may take now.
 */
export function CasePage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const formats = useFormats();
  const kase = useComplaint(id);
  const categories = useComplaintCategories();
  const [stepKind, setStepKind] = useState<ComplaintEventKind | null>(null);
  const back = (
    <Button component="a" href={hrefOf('complaints')} variant="default">
      {t('complaints.back')}
    </Button>
  );
  if (kase.isPending) return <Loader size="sm" />;
  if (kase.isError) {
    return (
      <Page title={t('nav.complaints')} actions={back}>
        <Alert color="red">{errorMessage(t, kase.error)}</Alert>
      </Page>
    );
  }
  const c = kase.data;
  return (
    <Page title={`${t('complaints.case')} ${c.caseNo}`} actions={back} wide>
      <Group gap="xs" data-testid="case-header">
        <Badge data-testid="case-status" size="lg" color={STATUS_COLORS[c.status]}>
          {statusLabel(t, c.status)}
        </Badge>
        {c.dueOn && c.deadline && c.daysLeft !== null && (
          <Badge size="lg" color={DEADLINE_COLORS[c.deadline]} variant={c.deadline === 'ok' ? 'light' : 'filled'} data-testid="case-due">
            {t('complaints.due_badge', {
              date: formats.date(c.dueOn),
              left: c.daysLeft < 0 ? t('complaints.days_over', { days: -c.daysLeft }) : t('complaints.days_left', { days: c.daysLeft }),
            })}
          </Badge>
        )}
        <Text size="sm" c="dimmed">
          {c.complainant} · {categoryLabel(categories.data, 'business_line', c.businessLine, language)} ·{' '}
          {categoryLabel(categories.data, 'cause', c.cause, language)} · {t(`complaints.channel.${c.channel}`)}
        </Text>
      </Group>
      {c.conflicts && (
        <Alert color="red" variant="light" data-testid="case-conflict" title={t('complaints.conflict')}>
          {t('complaints.conflict_body')}
        </Alert>
      )}
      {c.content === null ? (
        <Text c="dimmed" data-testid="case-status-only">
          {t('complaints.status_only')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Stack gap="md">
            <Facts content={c.content} />
            <Attachments caseId={c.id} files={c.content.attachments} canAttach />
            {c.content.steps.length > 0 && (
              <Paper withBorder p="md" radius="md">
                <Stack gap="sm">
                  <Title order={2} size="h4">
                    {t('complaints.steps')}
                  </Title>
                  <Group gap="xs" data-testid="case-steps">
                    {c.content.steps.map((kind) => (
                      <Button
                        key={kind}
                        size="xs"
                        variant={stepKind === kind ? 'filled' : 'light'}
                        data-testid={`take-${kind}`}
                        onClick={() => setStepKind(kind)}
                      >
                        {stepLabel(t, kind)}
                      </Button>
                    ))}
                  </Group>
                  {stepKind && c.content.steps.includes(stepKind) && (
                    <StepForm key={`${stepKind}-${c.status}`} kase={c} kind={stepKind} onDone={() => setStepKind(null)} />
                  )}
                </Stack>
              </Paper>
            )}
          </Stack>
          <History content={c.content} />
        </SimpleGrid>
      )}
    </Page>
  );
}

function Facts({ content }: { content: Content }) {
  const { t, formatDateTime } = useI18n();
  const formats = useFormats();
  const rows: [string, string | null][] = [
    [t('complaints.form.description'), content.description],
    [t('complaints.form.request'), content.request],
    [t('complaints.form.amount'), content.amountFen === null ? null : formats.money(content.amountFen)],
    [t('complaints.form.contact'), content.complainantContact],
    [t('complaints.form.authority'), content.authorityRef],
    [t('complaints.form.representatives'), content.representatives.map((r) => `${r.name} ${r.contact}`).join('；') || null],
    [t('complaints.form.staff_involved'), content.staffInvolved.map((s) => s.name).join('、') || null],
    [t('complaints.received_at'), formatDateTime(content.receivedAt)],
    [t('complaints.form.regulator_ref'), content.regulatorRef],
    [t('complaints.taken_by'), content.takenByName],
  ];
  return (
    <Paper withBorder p="md" radius="md" data-testid="case-facts">
      <Stack gap={6}>
        {rows
          .filter(([, value]) => value !== null)
          .map(([label, value]) => (
            <Group key={label} gap="sm" align="flex-start" wrap="nowrap">
              <Text size="sm" c="dimmed" w={120} style={{ flexShrink: 0 }}>
                {label}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {value}
              </Text>
            </Group>
          ))}
      </Stack>
    </Paper>
  );
}

/** The details a step carried, in words (the outcome, the extension, who approved it, the remedy …). */
function eventDetail(t: ReturnType<typeof useI18n>['t'], money: (fen: number) => string, data: Record<string, unknown>): string[] {
  const parts: string[] = [];
  if (typeof data.outcome === 'string') parts.push(t(`complaints.outcome.${data.outcome as 'upheld'}`));
  if (typeof data.extension === 'string') parts.push(t(`complaints.extension.${data.extension as 'complex'}`));
  if (typeof data.level === 'string') parts.push(t(`complaints.level.${data.level as 'head_office'}`));
  if (typeof data.approverName === 'string') parts.push(t('complaints.approved_by', { name: data.approverName }));
  if (typeof data.remedy === 'string') parts.push(`${t('complaints.step.remedy')}: ${data.remedy}`);
  if (typeof data.compensationFen === 'number') parts.push(`${t('complaints.step.compensation')}: ${money(data.compensationFen)}`);
  if (typeof data.reasons === 'string') parts.push(`${t('complaints.step.reasons')}: ${data.reasons}`);
  if (typeof data.rootCause === 'string') parts.push(`${t('complaints.step.root_cause')}: ${data.rootCause}`);
  if (typeof data.fix === 'string') parts.push(`${t('complaints.step.fix')}: ${data.fix}`);
  if (typeof data.satisfaction === 'number') parts.push(t('complaints.satisfaction_was', { rating: data.satisfaction }));
  if (typeof data.surveyId === 'string') parts.push(t('complaints.survey_answered'));
  return parts;
}

function History({ content }: { content: Content }) {
  const { t, formatDateTime } = useI18n();
  const formats = useFormats();
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('complaints.history')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} data-testid="case-history">
        {content.events.map((e) => (
          <Timeline.Item
            key={e.id}
            data-testid="case-event"
            color={e.conflict ? 'red' : undefined}
            title={
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {stepLabel(t, e.kind)}
                </Text>
                {e.conflict && (
                  <Badge size="xs" color="red">
                    {t('complaints.conflict')}
                  </Badge>
                )}
              </Group>
            }
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at)} · {e.staffName ?? '—'}
            </Text>
            {eventDetail(t, formats.money, e.data).map((line) => (
              <Text key={line} size="sm">
                {line}
              </Text>
            ))}
            {e.note && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
