import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTokenRejected } from '../api/host-access';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { AuthFrame } from './AuthFrame';
import { FirstPasswordScreen } from './FirstPasswordScreen';
import { FirstRunScreen } from './FirstRunScreen';
import { HostAccessScreen } from './HostAccessScreen';
import { forgetStaffData, useAuthState } from './hooks';
import { useIdleLock } from './idle-lock';
import { LockOverlay } from './LockOverlay';
import { useSessionEvents } from './session-events';
import { SignInScreen } from './SignInScreen';

/**
 * Decides what the window shows: first run, sign-in, or the app. A locked session shows the app with the lock
 * overlay beside it; the app is the same element in both cases, so React keeps every open form as it was.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const t = useT();
  const queryClient = useQueryClient();
  const tokenRejected = useTokenRejected();
  const authState = useAuthState();
  const session = authState.data?.session ?? null;
  const staffId = session?.staff.id ?? null;

  useSessionEvents();
  useIdleLock(session);
  useEffect(() => {
    if (staffId === null) forgetStaffData(queryClient);
  }, [staffId, queryClient]);

  if (tokenRejected) return <HostAccessScreen />;
  if (!authState.data) {
    return (
      <AuthFrame title={t('app.name')}>
        {authState.isError ? (
          <Stack gap="sm">
            <Alert color="red" variant="light" data-testid="load-error">
              {errorMessage(t, authState.error)}
            </Alert>
            <Button variant="light" onClick={() => void authState.refetch()}>
              {t('app.retry')}
            </Button>
          </Stack>
        ) : (
          <Center py="md" role="status" aria-label={t('app.connecting')}>
            <Loader size="sm" />
          </Center>
        )}
      </AuthFrame>
    );
  }
  if (authState.data.setupNeeded) return <FirstRunScreen />;
  if (!session) return <SignInScreen />;
  if (session.mustChangePassword) return <FirstPasswordScreen />;
  return (
    <>
      {children}
      {session.locked && <LockOverlay />}
    </>
  );
}
