import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { contract } from '../../src-shared/contract';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { check, useFieldIssues } from '../forms/validation';
import { AuthFrame } from './AuthFrame';
import { useSetupFirstAdmin } from './hooks';

/** First run: no staff account exists yet, so whoever installs the workstation creates the administrator. */
export function FirstRunScreen() {
  const t = useT();
  const setup = useSetupFirstAdmin();
  const fields = useFieldIssues();
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(contract['auth.setupFirstAdmin'].input, { login, displayName, password });
    const issues = checked.ok ? [] : checked.issues;
    if (password2 !== password) {
      issues.push({ path: 'password2', key: 'validation.password_mismatch', message: 'the passwords differ' });
    }
    if (!checked.ok || issues.length > 0) return fields.setIssues(issues);
    fields.clear();
    setup.mutate(checked.data, { onError: fields.takeFrom });
  };

  return (
    <AuthFrame title={t('auth.setup.title')}>
      <Text size="sm" c="dimmed">
        {t('auth.setup.intro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            data-testid="setup-login"
            label={t('auth.field.login')}
            description={t('auth.field.login_hint')}
            autoComplete="username"
            autoFocus
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            error={fields.errorOf('login')}
          />
          <TextInput
            data-testid="setup-name"
            label={t('auth.field.display_name')}
            autoComplete="name"
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={fields.errorOf('displayName')}
          />
          <PasswordInput
            data-testid="setup-password"
            label={t('auth.field.password')}
            description={t('auth.field.password_hint')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fields.errorOf('password')}
          />
          <PasswordInput
            data-testid="setup-password2"
            label={t('auth.field.password_confirm')}
            autoComplete="new-password"
            value={password2}
            onChange={(e) => setPassword2(e.currentTarget.value)}
            error={fields.errorOf('password2')}
          />
          {setup.isError && (
            <Alert data-testid="setup-error" color="red" variant="light">
              {errorMessage(t, setup.error)}
            </Alert>
          )}
          <Button data-testid="setup-submit" type="submit" loading={setup.isPending} mt="xs">
            {t('auth.setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
