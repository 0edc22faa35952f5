import { Alert, Button, Center, Modal, PasswordInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { contract } from '../../src-shared/contract';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { check, useFieldIssues } from '../forms/validation';
import { useSession, useSignOut, useUnlock } from './hooks';

const stayOpen = () => {};

/**
 * Covers the whole window while the session is locked. It sits beside the app, not instead of it, so the page
 * underneath stays mounted and a half-filled form survives; full-screen, so no client data shows through.
 */
export function LockOverlay() {
  const t = useT();
  const session = useSession();
  const unlock = useUnlock();
  const signOut = useSignOut();
  const fields = useFieldIssues();
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(contract['auth.unlock'].input, { password });
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    unlock.mutate(checked.data, {
      onError: (error) => {
        fields.takeFrom(error);
        setPassword('');
      },
    });
  };

  return (
    <Modal.Root opened onClose={stayOpen} fullScreen closeOnEscape={false} closeOnClickOutside={false} zIndex={1000}>
      <Modal.Content data-testid="lock-overlay" bg="var(--mantine-color-gray-1)">
        <Modal.Body h="100%">
          <Center h="100%" mih="90vh">
            <Paper withBorder shadow="md" radius="md" p="xl" w="100%" maw={420}>
              <form onSubmit={submit} noValidate>
                <Stack gap="md">
                  <Modal.Title>
                    <Title order={2} size="h3" component="span">
                      {t('auth.lock.title')}
                    </Title>
                  </Modal.Title>
                  <Text size="sm" c="dimmed">
                    {t('auth.lock.intro', { name: session.staff.displayName })}
                  </Text>
                  {/* Tells password managers whose password this is; only that staff member may unlock. */}
                  <input type="text" autoComplete="username" value={session.staff.login} readOnly hidden />
                  <PasswordInput
                    data-testid="unlock-password"
                    label={t('auth.field.password')}
                    autoComplete="current-password"
                    data-autofocus
                    value={password}
                    onChange={(e) => setPassword(e.currentTarget.value)}
                    error={fields.errorOf('password')}
                  />
                  {unlock.isError && (
                    <Alert data-testid="unlock-error" color="red" variant="light">
                      {errorMessage(t, unlock.error)}
                    </Alert>
                  )}
                  <Button data-testid="unlock-submit" type="submit" loading={unlock.isPending}>
                    {t('auth.lock.submit')}
                  </Button>
                  <Button
                    data-testid="lock-switch-staff"
                    variant="subtle"
                    size="xs"
                    onClick={() => signOut.mutate()}
                    loading={signOut.isPending}
                  >
                    {t('auth.lock.switch_staff')}
                  </Button>
                  <Center>
                    <LanguageSwitch testId="lock-language-switch" />
                  </Center>
                </Stack>
              </form>
            </Paper>
          </Center>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
