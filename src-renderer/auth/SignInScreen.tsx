import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { contract } from '../../src-shared/contract';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { check, useFieldIssues } from '../forms/validation';
import { AuthFrame } from './AuthFrame';
import { useSignIn } from './hooks';

export function SignInScreen() {
  const t = useT();
  const signIn = useSignIn();
  const fields = useFieldIssues();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(contract['auth.signIn'].input, { login, password });
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    signIn.mutate(checked.data, {
      onError: (error) => {
        fields.takeFrom(error);
        setPassword('');
        passwordRef.current?.focus();
      },
    });
  };

  return (
    <AuthFrame title={t('auth.signin.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            data-testid="signin-login"
            label={t('auth.field.login')}
            autoComplete="username"
            autoFocus
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            error={fields.errorOf('login')}
          />
          <PasswordInput
            ref={passwordRef}
            data-testid="signin-password"
            label={t('auth.field.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fields.errorOf('password')}
          />
          {signIn.isError && (
            <Alert data-testid="signin-error" color="red" variant="light">
              {errorMessage(t, signIn.error)}
            </Alert>
          )}
          <Button data-testid="signin-submit" type="submit" loading={signIn.isPending} mt="xs">
            {t('auth.signin.submit')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
