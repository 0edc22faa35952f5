import { ActionIcon, Alert, Button, Grid, Group, NativeSelect, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { SurveyTemplate, SurveyVersion } from '../../src-shared/contract/surveys';
import {
  filledLabels,
  QUESTION_TYPES,
  SURVEY_OCCASIONS,
  type Labels,
  type QuestionType,
  type SurveyOccasion,
} from '../../src-shared/domain/surveys';
import { isApiError } from '../api/errors';
import { errorMessage, issueMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { usePublish } from './hooks';
import { SurveyForm } from './SurveyForm';

type Question = SurveyVersion['questions'][number];
interface DraftQuestion extends Omit<Question, 'choices'> {
  /** A key for the list while the question's id is being typed. */
  key: number;
  choices: { code: string; label: Labels }[];
}

const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;
const blank = (): Labels => ({ 'zh-CN': '', 'zh-TW': '', en: '' });
let keys = 0;

function draftOf(q: Question): DraftQuestion {
  return { ...q, key: ++keys, choices: q.choices ?? [] };
}

/**
 * A manager edits a template and publishes the change as a new version (answers keep the version they were given
 * under), or makes a new template for an occasion. The preview beside it is the entry form itself, answerable by
 * keyboard but never saved. Main checks the whole version; each problem shows at its question.
 */
export function TemplateEditor({
  template,
  onPublished,
  onCancel,
}: {
  template: SurveyTemplate | null;
  onPublished: (t: SurveyTemplate) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [occasion, setOccasion] = useState<SurveyOccasion>(template?.occasion ?? 'counter_visit');
  const [title, setTitle] = useState<Labels>(template?.current.title ?? blank());
  const [questions, setQuestions] = useState<DraftQuestion[]>(() => (template?.current.questions ?? []).map(draftOf));
  const [note, setNote] = useState('');
  const publish = usePublish();
  const issues = isApiError(publish.error) ? publish.error.issues : [];
  // Main names a problem by the question's id (`questions.<id>`); the contract's checks by its place (`questions.<n>.…`).
  const issueAt = (id: string, index: number) =>
    issues.filter(
      (i) =>
        i.path === `questions.${id}` ||
        i.path.startsWith(`questions.${id}.`) ||
        i.path.startsWith(`questions.${index}.`) ||
        i.path === `questions.${index}`,
    );
  /** Where in a question a problem is: its text, or which choice, in which language. */
  const where = (path: string) => {
    const m = /\.(text|choices\.(\d+)\.(code|label))(?:\.([a-zA-Z-]+))?$/.exec(path);
    if (!m) return '';
    const part = m[1] === 'text' ? t('surveys.templates.text') : `${t('surveys.templates.choice')} ${Number(m[2]) + 1}`;
    return `${part}${m[4] ? ` (${m[4]})` : ''}: `;
  };

  const update = (key: number, change: Partial<DraftQuestion>) =>
    setQuestions((qs) => qs.map((q) => (q.key === key ? { ...q, ...change } : q)));
  const move = (i: number, by: number) =>
    setQuestions((qs) => {
      const next = [...qs];
      const [q] = next.splice(i, 1);
      if (q) next.splice(Math.max(0, Math.min(next.length, i + by)), 0, q);
      return next;
    });
  const add = (type: QuestionType) =>
    setQuestions((qs) => [
      ...qs,
      {
        key: ++keys,
        id: `q${qs.length + 1}`,
        type,
        required: type !== 'text',
        text: blank(),
        choices:
          type === 'single' || type === 'multiple'
            ? [
                { code: 'a', label: blank() },
                { code: 'b', label: blank() },
              ]
            : [],
      },
    ]);

  const preview: SurveyVersion = {
    id: 'preview',
    number: (template?.versions ?? 0) + 1,
    title: filledLabels(title),
    questions: questions.map((q) => ({
      id: q.id,
      type: q.type,
      required: q.required,
      ...(q.csat ? { csat: true } : {}),
      text: filledLabels(q.text),
      ...(q.type === 'single' || q.type === 'multiple'
        ? { choices: q.choices.map((c) => ({ code: c.code, label: filledLabels(c.label) })) }
        : {}),
    })),
    note: null,
    staffName: null,
    at: '',
    responses: 0,
  };

  const submit = () =>
    publish.mutate(
      {
        templateId: template?.id ?? null,
        occasion,
        title,
        note: note.trim() || null,
        questions: questions.map((q) => ({
          id: q.id.trim(),
          type: q.type,
          required: q.required,
          csat: q.type === 'rating' && Boolean(q.csat),
          text: q.text,
          ...(q.type === 'single' || q.type === 'multiple'
            ? { choices: q.choices.map((c) => ({ code: c.code.trim(), label: c.label })) }
            : {}),
        })),
      },
      { onSuccess: onPublished },
    );

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="sm" data-testid="template-editor">
          <Group align="flex-end">
            <NativeSelect
              label={t('surveys.templates.occasion')}
              value={occasion}
              disabled={template !== null}
              onChange={(e) => setOccasion(e.currentTarget.value as SurveyOccasion)}
              data={SURVEY_OCCASIONS.map((o) => ({ value: o, label: t(`surveys.occasion.${o}`) }))}
              w={200}
            />
          </Group>
          <LabelsInput label={t('surveys.templates.title')} value={title} onChange={setTitle} testId="template-title" />
          {questions.map((q, i) => {
            const problems = issueAt(q.id, i);
            return (
              <Paper
                key={q.key}
                withBorder
                p="sm"
                radius="md"
                bg={problems.length > 0 ? 'red.0' : undefined}
                data-testid="template-question"
              >
                <Stack gap={6}>
                  <Group gap="xs" align="flex-end" wrap="nowrap">
                    <Text fw={600} w={24}>
                      {i + 1}.
                    </Text>
                    <TextInput
                      label={t('surveys.templates.question_id')}
                      value={q.id}
                      onChange={(e) => update(q.key, { id: e.currentTarget.value })}
                      w={120}
                      data-testid="question-id"
                    />
                    <NativeSelect
                      label={t('surveys.templates.type')}
                      value={q.type}
                      onChange={(e) => {
                        const type = e.currentTarget.value as QuestionType;
                        const choosing = type === 'single' || type === 'multiple';
                        update(q.key, {
                          type,
                          csat: type === 'rating' ? q.csat : false,
                          choices:
                            choosing && q.choices.length === 0
                              ? [
                                  { code: 'a', label: blank() },
                                  { code: 'b', label: blank() },
                                ]
                              : q.choices,
                        });
                      }}
                      data={QUESTION_TYPES.map((x) => ({ value: x, label: t(`surveys.type.${x}`) }))}
                      w={170}
                    />
                    <Switch
                      label={t('surveys.templates.required')}
                      checked={q.required}
                      onChange={(e) => update(q.key, { required: e.currentTarget.checked })}
                      mb={8}
                    />
                    {q.type === 'rating' && (
                      <Switch
                        label="CSAT"
                        checked={Boolean(q.csat)}
                        onChange={(e) => update(q.key, { csat: e.currentTarget.checked })}
                        mb={8}
                      />
                    )}
                    <Group gap={2} ml="auto" mb={4} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={t('surveys.templates.up')} onClick={() => move(i, -1)} disabled={i === 0}>
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('surveys.templates.down')}
                        onClick={() => move(i, 1)}
                        disabled={i === questions.length - 1}
                      >
                        ↓
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('surveys.templates.remove')}
                        onClick={() => setQuestions((qs) => qs.filter((x) => x.key !== q.key))}
                      >
                        ✕
                      </ActionIcon>
                    </Group>
                  </Group>
                  <LabelsInput
                    label={t('surveys.templates.text')}
                    value={q.text}
                    onChange={(text) => update(q.key, { text })}
                    testId="question-text"
                  />
                  {(q.type === 'single' || q.type === 'multiple') && (
                    <Stack gap={4} pl={24}>
                      {q.choices.map((c, k) => (
                        <Group key={k} gap={4} wrap="nowrap" align="flex-start">
                          <TextInput
                            size="xs"
                            w={90}
                            value={c.code}
                            aria-label={t('surveys.templates.choice_code')}
                            onChange={(e) => {
                              const code = e.currentTarget.value;
                              update(q.key, { choices: q.choices.map((x, j) => (j === k ? { ...x, code } : x)) });
                            }}
                          />
                          {LANGS.map((lang) => (
                            <TextInput
                              key={lang}
                              size="xs"
                              style={{ flex: 1 }}
                              placeholder={lang}
                              value={c.label[lang]}
                              aria-label={`${t('surveys.templates.choice')} ${lang}`}
                              onChange={(e) => {
                                const text = e.currentTarget.value;
                                update(q.key, {
                                  choices: q.choices.map((x, j) => (j === k ? { ...x, label: { ...x.label, [lang]: text } } : x)),
                                });
                              }}
                            />
                          ))}
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="red"
                            aria-label={t('surveys.templates.remove')}
                            onClick={() => update(q.key, { choices: q.choices.filter((_, j) => j !== k) })}
                          >
                            ✕
                          </ActionIcon>
                        </Group>
                      ))}
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        w="fit-content"
                        onClick={() => update(q.key, { choices: [...q.choices, { code: `c${q.choices.length + 1}`, label: blank() }] })}
                      >
                        {t('surveys.templates.add_choice')}
                      </Button>
                    </Stack>
                  )}
                  {problems.map((p) => (
                    <Text key={`${p.path}${p.key}`} size="xs" c="red" data-testid="question-problem">
                      {where(p.path)}
                      {issueMessage(t, p)}
                    </Text>
                  ))}
                </Stack>
              </Paper>
            );
          })}
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('surveys.templates.add')}
            </Text>
            {QUESTION_TYPES.map((type) => (
              <Button key={type} size="compact-sm" variant="light" onClick={() => add(type)} data-testid={`add-question-${type}`}>
                {t(`surveys.type.${type}`)}
              </Button>
            ))}
          </Group>
          <TextInput label={t('surveys.templates.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={300} />
          {publish.error && (
            <Alert color="red" data-testid="template-error">
              {errorMessage(t, publish.error)}
              {issues
                .filter((i) => !i.path.startsWith('questions.'))
                .map((i) => (
                  <Text key={`${i.path}${i.key}`} size="xs">
                    {i.path.startsWith('title') ? t('surveys.templates.title') : t('surveys.templates.questions')}: {issueMessage(t, i)}
                  </Text>
                ))}
            </Alert>
          )}
          <Group>
            <Button onClick={submit} loading={publish.isPending} data-testid="template-publish">
              {template ? t('surveys.templates.publish_version', { n: preview.number }) : t('surveys.templates.publish_new')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Paper withBorder p="md" radius="md" bg="gray.0" data-testid="template-preview">
          <Title order={3} size="h5" mb="sm">
            {t('surveys.templates.preview')} · {filledLabels(title)['zh-CN'] || '—'}
          </Title>
          <SurveyForm version={preview} link={{ clientId: null, respondent: null, eventId: null, complaintId: null }} preview />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

/** A text in three languages: Simplified Chinese required, the others fall back to it. */
function LabelsInput({ label, value, onChange, testId }: { label: string; value: Labels; onChange: (l: Labels) => void; testId: string }) {
  return (
    <Group gap={4} grow align="flex-end">
      {LANGS.map((lang, i) => (
        <TextInput
          key={lang}
          label={i === 0 ? label : undefined}
          placeholder={lang}
          value={value[lang]}
          required={i === 0}
          onChange={(e) => onChange({ ...value, [lang]: e.currentTarget.value })}
          data-testid={`${testId}-${lang}`}
        />
      ))}
    </Group>
  );
}
