import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { contract } from '../../src-shared/contract';
import { check, useFieldIssues } from '../forms/validation';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { useChangePassword } from './hooks';

const EMPTY = { currentPassword: '', newPassword: '', repeatPassword: '' };

/** The staff member's own password: the current one, then the new one twice. Local: never sent to head office. */
export function ChangePasswordForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const t = useT();
  const change = useChangePassword();
  const fields = useFieldIssues();
  const [values, setValues] = useState(EMPTY);
  const set = (key: keyof typeof EMPTY) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(contract['auth.changePassword'].input, values);
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    change.mutate(checked.data, {
      onSuccess: () => {
        setValues(EMPTY);
        notifications.show({ color: 'teal', message: t('auth.password.changed') });
      },
      onError: fields.takeFrom,
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="password-form">
      <Stack gap="sm" maw={420}>
        {(['currentPassword', 'newPassword', 'repeatPassword'] as const).map((key, i) => (
          <PasswordInput
            key={key}
            data-testid={`password-${key}`}
            label={t(`auth.password.${key}`)}
            autoComplete={key === 'currentPassword' ? 'current-password' : 'new-password'}
            autoFocus={autoFocus && i === 0}
            value={values[key]}
            onChange={(e) => set(key)(e.currentTarget.value)}
            error={fields.errorOf(key)}
          />
        ))}
        {change.isError && !fields.errorOf('currentPassword') && !fields.errorOf('newPassword') && (
          <Alert color="red" variant="light" data-testid="password-error">
            {errorMessage(t, change.error)}
          </Alert>
        )}
        <Button data-testid="password-submit" type="submit" loading={change.isPending}>
          {t('auth.password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
