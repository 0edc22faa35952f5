import { Alert, Badge, Button, Group, Kbd, Paper, Stack, Text, Textarea, TextInput, UnstyledButton } from '@mantine/core';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../src-shared/contract';
import type { SurveyVersion } from '../../src-shared/contract/surveys';
import { NPS_MAX, NPS_MIN, RATING_MAX, RATING_MIN } from '../../src-shared/domain/surveys';
import { isApiError } from '../api/errors';
import { errorMessage, issueMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useSubmitSurvey } from './hooks';
import { textOf } from './links';

type Answer = number | string | string[] | null;
type Question = SurveyVersion['questions'][number];
type Saved = OutputOf<'surveys.submit'>;

/** A choice's key at the keyboard: A, B, C … (or 1, 2, 3 …). */
const letter = (i: number) => String.fromCharCode(65 + i);

function choiceIndex(key: string, count: number): number | null {
  const k = key.toUpperCase();
  if (/^[A-Z]$/.test(k) && k.charCodeAt(0) - 65 < count) return k.charCodeAt(0) - 65;
  if (/^[1-9]$/.test(k) && Number(k) <= count) return Number(k) - 1;
  return null;
}

/**
 * One answer sheet, typed with the keyboard alone (DOMAIN.md §7): a digit for a rating (1–5) or a score (0–10; "1"
 * waits for a possible "0"), a letter or digit for a choice (A/1 …; for several, each toggles), words for free text.
 * An answer that settles the question moves to the next; Tab and Enter move on too; Ctrl+Enter saves. Main checks the
 * sheet against its version: a refusal names each question under it, and what was typed stays.
 */
export function SurveyForm({
  version,
  link,
  onSaved,
  preview = false,
  ready = true,
  focusAfterSave = true,
  focusTick = 0,
}: {
  version: SurveyVersion;
  /** Who answered and what it follows. */
  link: { clientId: string | null; respondent: string | null; eventId: string | null; complaintId: string | null };
  onSaved?: (saved: Saved) => void;
  /** The template editor's preview: answerable, never saved. */
  preview?: boolean;
  /** False while the respondent is still to be chosen: saving waits. */
  ready?: boolean;
  /** After saving, the first question takes the focus (false: the page puts it on the next respondent). */
  focusAfterSave?: boolean;
  /** Each change puts the focus on the first question (the respondent was just picked: the keyboard goes on). */
  focusTick?: number;
}) {
  const { t, language } = useI18n();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [typed, setTyped] = useState<Record<string, string>>({});
  const inputs = useRef<(HTMLInputElement | HTMLTextAreaElement | null)[]>([]);
  const saveButton = useRef<HTMLButtonElement | null>(null);
  const submit = useSubmitSurvey();
  useEffect(() => {
    if (focusTick > 0) inputs.current[0]?.focus();
  }, [focusTick]);
  const issues = isApiError(submit.error) ? submit.error.issues : [];
  const issueOf = (id: string) => issues.find((i) => i.path === `answers.${id}`);
  const otherError = submit.error && issues.length === 0 ? errorMessage(t, submit.error) : null;

  const focusNext = (i: number) => {
    const next = inputs.current[i + 1];
    if (next) next.focus();
    else saveButton.current?.focus();
  };
  const set = (q: Question, answer: Answer, text: string) => {
    setAnswers((a) => ({ ...a, [q.id]: answer }));
    setTyped((x) => ({ ...x, [q.id]: text }));
  };
  const save = () => {
    if (preview || !ready || submit.isPending) return;
    submit.mutate(
      { versionId: version.id, ...link, answers },
      {
        onSuccess: (saved) => {
          setAnswers({});
          setTyped({});
          submit.reset();
          onSaved?.(saved);
          if (focusAfterSave) inputs.current[0]?.focus();
        },
      },
    );
  };
  const onFormKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing) {
      e.preventDefault();
      // The sheet's own: a form around it (a case's closing step, in whose dialog it opens) must not submit too.
      e.stopPropagation();
      save();
    }
  };

  return (
    <Stack gap="sm" onKeyDown={onFormKey} data-testid="survey-form">
      {otherError && (
        <Alert color="red" data-testid="survey-error">
          {otherError}
        </Alert>
      )}
      {version.questions.map((q, i) => {
        const issue = issueOf(q.id);
        const error = issue ? issueMessage(t, issue) : undefined;
        const ref = (el: HTMLInputElement | HTMLTextAreaElement | null) => {
          inputs.current[i] = el;
        };
        return (
          <Paper key={q.id} withBorder p="sm" radius="md" data-testid={`survey-question-${q.id}`} bg={issue ? 'red.0' : undefined}>
            <Group gap={6} mb={6} wrap="nowrap" align="flex-start">
              <Text size="sm" fw={600} c="dimmed" w={24}>
                {i + 1}.
              </Text>
              <Text size="sm" fw={600} style={{ flex: 1 }}>
                {textOf(q.text, language)}
                {q.required && (
                  <Text span c="red">
                    {' *'}
                  </Text>
                )}
              </Text>
              {q.csat && (
                <Badge size="xs" variant="light">
                  CSAT
                </Badge>
              )}
              {q.type === 'nps' && (
                <Badge size="xs" variant="light" color="grape">
                  NPS
                </Badge>
              )}
            </Group>
            <Stack gap={4} pl={30}>
              {q.type === 'rating' || q.type === 'nps' ? (
                <ScoreAnswer
                  q={q}
                  inputRef={ref}
                  text={typed[q.id] ?? ''}
                  error={error}
                  onAnswer={(value, text, settled) => {
                    set(q, value, text);
                    if (settled) focusNext(i);
                  }}
                  onEnter={() => focusNext(i)}
                />
              ) : q.type === 'text' ? (
                <Textarea
                  ref={ref}
                  data-testid={`survey-q-${q.id}`}
                  autosize
                  minRows={1}
                  maxRows={5}
                  value={typed[q.id] ?? ''}
                  error={error}
                  onChange={(e) => set(q, e.currentTarget.value, e.currentTarget.value)}
                  aria-label={textOf(q.text, language)}
                />
              ) : (
                <ChoiceAnswer
                  q={q}
                  language={language}
                  inputRef={ref}
                  value={answers[q.id] ?? null}
                  error={error}
                  onAnswer={(value, settled) => {
                    set(q, value, '');
                    if (settled) focusNext(i);
                  }}
                  onEnter={() => focusNext(i)}
                />
              )}
              {error && q.type !== 'text' && (
                <Text size="xs" c="red" data-testid={`survey-issue-${q.id}`}>
                  {error}
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
      {!preview && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Kbd>Tab</Kbd> / <Kbd>Enter</Kbd> {t('surveys.entry.keys_next')} · <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd>{' '}
            {t('surveys.entry.keys_save')}
          </Text>
          <Button ref={saveButton} data-testid="survey-save" onClick={save} loading={submit.isPending} disabled={!ready}>
            {t('surveys.entry.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** A rating (1–5) or a score (0–10): typed digits, or a click on the number. */
function ScoreAnswer({
  q,
  inputRef,
  text,
  error,
  onAnswer,
  onEnter,
}: {
  q: Question;
  inputRef: (el: HTMLInputElement | null) => void;
  text: string;
  error: string | undefined;
  onAnswer: (value: number | null, text: string, settled: boolean) => void;
  onEnter: () => void;
}) {
  const [min, max] = q.type === 'nps' ? [NPS_MIN, NPS_MAX] : [RATING_MIN, RATING_MAX];
  const scores = Array.from({ length: max - min + 1 }, (_, k) => min + k);
  const chosen = text === '' ? null : Number(text);
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <TextInput
        ref={inputRef}
        data-testid={`survey-q-${q.id}`}
        w={70}
        inputMode="numeric"
        value={text}
        error={Boolean(error)}
        aria-label={`${min}–${max}`}
        placeholder={`${min}–${max}`}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
            e.preventDefault();
            onEnter();
          }
        }}
        onChange={(e) => {
          const digits = e.currentTarget.value.replace(/\D/g, '').slice(0, 2);
          const value = digits === '' ? null : Number(digits);
          // Settled once no further digit could change it: any rating digit; a score other than "1" (which may become 10).
          const settled = value !== null && (q.type === 'rating' || digits.length === 2 || digits !== '1');
          onAnswer(value, digits, settled);
        }}
      />
      <Group gap={4} wrap="wrap">
        {scores.map((s) => (
          <UnstyledButton
            key={s}
            tabIndex={-1}
            onClick={() => onAnswer(s, String(s), true)}
            px={8}
            py={4}
            style={{
              borderRadius: 6,
              border: '1px solid var(--mantine-color-gray-4)',
              background: chosen === s ? 'var(--mantine-primary-color-filled)' : undefined,
              color: chosen === s ? 'white' : undefined,
              minWidth: 30,
              textAlign: 'center',
            }}
          >
            <Text size="sm">{s}</Text>
          </UnstyledButton>
        ))}
      </Group>
    </Group>
  );
}

/** A single or multiple choice: a letter or digit picks (or, for several, toggles) a choice. */
function ChoiceAnswer({
  q,
  language,
  inputRef,
  value,
  error,
  onAnswer,
  onEnter,
}: {
  q: Question;
  language: Parameters<typeof textOf>[1];
  inputRef: (el: HTMLInputElement | null) => void;
  value: Answer;
  error: string | undefined;
  onAnswer: (value: Answer, settled: boolean) => void;
  onEnter: () => void;
}) {
  const choices = q.choices ?? [];
  const picked = new Set(typeof value === 'string' ? [value] : Array.isArray(value) ? value : []);
  const pick = (i: number) => {
    const code = choices[i]?.code;
    if (!code) return;
    if (q.type === 'single') onAnswer(code, true);
    else {
      const next = new Set(picked);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      onAnswer(
        choices.map((c) => c.code).filter((c) => next.has(c)),
        false,
      );
    }
  };
  const shown = choices
    .map((c, i) => (picked.has(c.code) ? letter(i) : null))
    .filter((x): x is string => x !== null)
    .join('');
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          ref={inputRef}
          data-testid={`survey-q-${q.id}`}
          w={70}
          value={shown}
          error={Boolean(error)}
          readOnly
          placeholder={q.type === 'single' ? 'A' : 'A B …'}
          aria-label={textOf(q.text, language)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              onEnter();
              return;
            }
            if (e.key === 'Backspace' || e.key === 'Delete') {
              e.preventDefault();
              onAnswer(null, false);
              return;
            }
            if (e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return;
            e.preventDefault();
            const i = choiceIndex(e.key, choices.length);
            if (i !== null) pick(i);
          }}
        />
        <Group gap={6} wrap="wrap">
          {choices.map((c, i) => (
            <UnstyledButton
              key={c.code}
              tabIndex={-1}
              onClick={() => pick(i)}
              px={8}
              py={4}
              data-testid={`survey-choice-${q.id}-${c.code}`}
              style={{
                borderRadius: 6,
                border: '1px solid var(--mantine-color-gray-4)',
                background: picked.has(c.code) ? 'var(--mantine-primary-color-filled)' : undefined,
                color: picked.has(c.code) ? 'white' : undefined,
              }}
            >
              <Text size="sm">
                <b>{letter(i)}</b> {textOf(c.label, language)}
              </Text>
            </UnstyledButton>
          ))}
        </Group>
      </Group>
    </Stack>
  );
}
