import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { contract } from '../../src-shared/contract';
import { ctrlEnterSubmits } from '../forms/keyboard';
import { check, useFieldIssues } from '../forms/validation';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { useEnroll } from './hooks';

/**
 * An administrator enrolls this workstation with the hub: its address and the one-time code head office printed.
 * The code may be typed as printed (groups and dashes) or run together; the contract's schema tidies it.
 */
export function EnrollForm({ knownHubUrl }: { knownHubUrl: string | null }) {
  const t = useT();
  const enroll = useEnroll();
  const fields = useFieldIssues();
  const [values, setValues] = useState({ hubUrl: knownHubUrl ?? '', code: '' });

  const save = () => {
    if (enroll.isPending) return;
    const checked = check(contract['sync.enroll'].input, values);
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    enroll.mutate(checked.data, {
      onSuccess: (status) =>
        notifications.show({ color: 'teal', message: t('sync.enroll.done', { hub: status.hubUrl ?? checked.data.hubUrl }) }),
      onError: fields.takeFrom,
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };

  return (
    <form onSubmit={submit} onKeyDown={ctrlEnterSubmits(save)} noValidate data-testid="sync-enroll-form">
      <Stack gap="sm" maw={480}>
        <TextInput
          data-testid="sync-enroll-hub"
          label={t('sync.enroll.hub_url')}
          placeholder={t('sync.enroll.hub_url_placeholder')}
          type="url"
          autoComplete="off"
          spellCheck={false}
          autoFocus={!knownHubUrl}
          value={values.hubUrl}
          onChange={(e) => {
            const hubUrl = e.currentTarget.value;
            setValues((v) => ({ ...v, hubUrl }));
          }}
          error={fields.errorOf('hubUrl')}
        />
        <TextInput
          data-testid="sync-enroll-code"
          label={t('sync.enroll.code')}
          description={t('sync.enroll.code_hint')}
          placeholder={t('sync.enroll.code_placeholder')}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          autoFocus={!!knownHubUrl}
          value={values.code}
          onChange={(e) => {
            const code = e.currentTarget.value.toUpperCase();
            setValues((v) => ({ ...v, code }));
          }}
          error={fields.errorOf('code')}
        />
        {enroll.isError && (
          <Alert data-testid="sync-enroll-error" color="red" variant="light">
            {errorMessage(t, enroll.error)}
          </Alert>
        )}
        <Button data-testid="sync-enroll-submit" type="submit" loading={enroll.isPending} w="fit-content">
          {t('sync.enroll.submit')}
        </Button>
      </Stack>
    </form>
  );
}
