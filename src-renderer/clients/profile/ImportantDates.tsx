import { ActionIcon, Alert, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { contract, type ClientProfile } from '../../../src-shared/contract';
import { IMPORTANT_DATE_KINDS } from '../../../src-shared/contract/clients';
import { check, useFieldIssues } from '../../forms/validation';
import { errorMessage } from '../../i18n/errors';
import { useFormats } from '../../i18n/formats';
import { useT } from '../../i18n/I18nProvider';
import { IMPORTANT_DATE_LABELS } from '../labels';
import { useAddImportantDate, useRemoveImportantDate } from './hooks';

type Kind = (typeof IMPORTANT_DATE_KINDS)[number];
const EMPTY = { kind: 'birthday' as Kind, date: '', lunar: false, label: '' };

/**
 * Dates worth a call or a card (birthdays, lunar birthdays, a child's milestone, a business anniversary). A lunar
 * date is kept as written (month-day of the lunar calendar) and shown as such.
 */
export function ImportantDates({ profile }: { profile: ClientProfile }) {
  const t = useT();
  const formats = useFormats();
  const clientId = profile.summary.id;
  const add = useAddImportantDate(clientId);
  const remove = useRemoveImportantDate(clientId);
  const fields = useFieldIssues();
  const [draft, setDraft] = useState(EMPTY);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = () => {
    const checked = check(contract['clients.addImportantDate'].input, {
      clientId,
      kind: draft.kind,
      date: draft.date,
      lunar: draft.lunar,
      label: draft.label.trim() || null,
    });
    if (!checked.ok) {
      fields.setIssues(checked.issues);
      return;
    }
    fields.clear();
    add.mutate(checked.data, { onSuccess: () => setDraft(EMPTY), onError: fields.takeFrom });
  };

  return (
    <Stack gap="xs">
      {profile.importantDates.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clients.overview.no_important_dates')}
        </Text>
      ) : (
        <Table withRowBorders={false} verticalSpacing={4} data-testid="important-dates">
          <Table.Tbody>
            {profile.importantDates.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td w={160}>
                  <Text size="sm">{t(IMPORTANT_DATE_LABELS[d.kind])}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {d.lunar ? t('clients.overview.lunar_date', { date: d.date }) : formats.date(d.date)}
                    {d.label ? ` · ${d.label}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td w={40}>
                  <ActionIcon
                    data-testid="date-remove"
                    variant="subtle"
                    color="red"
                    aria-label={t('clients.dates.remove', { kind: t(IMPORTANT_DATE_LABELS[d.kind]) })}
                    loading={remove.isPending && remove.variables?.id === d.id}
                    onClick={() => remove.mutate({ id: d.id })}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NativeSelect
          data-testid="date-kind"
          label={t('clients.dates.kind')}
          size="xs"
          data={IMPORTANT_DATE_KINDS.map((kind) => ({ value: kind, label: t(IMPORTANT_DATE_LABELS[kind]) }))}
          value={draft.kind}
          onChange={(e) => set('kind', e.currentTarget.value as Kind)}
        />
        <TextInput
          data-testid="date-date"
          type="date"
          label={t('clients.dates.date')}
          size="xs"
          value={draft.date}
          onChange={(e) => set('date', e.currentTarget.value)}
          error={fields.errorOf('date')}
        />
        <TextInput
          data-testid="date-label"
          label={t('clients.dates.label')}
          size="xs"
          autoComplete="off"
          value={draft.label}
          onChange={(e) => set('label', e.currentTarget.value)}
          error={fields.errorOf('label')}
        />
        <Checkbox
          data-testid="date-lunar"
          label={t('clients.dates.lunar')}
          size="xs"
          mb={6}
          checked={draft.lunar}
          onChange={(e) => set('lunar', e.currentTarget.checked)}
        />
        <Button data-testid="date-add" size="xs" variant="light" onClick={submit} loading={add.isPending}>
          {t('clients.dates.add')}
        </Button>
      </Group>
      {(add.isError || remove.isError) && (
        <Alert color="red" variant="light" p="xs">
          {errorMessage(t, add.error ?? remove.error)}
        </Alert>
      )}
    </Stack>
  );
}
