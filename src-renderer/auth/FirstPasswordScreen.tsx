import { Button, Text } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import { AuthFrame } from './AuthFrame';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useSignOut } from './hooks';

/** Signed in with the first password head office sent: it is replaced before anything else (issue 9). */
export function FirstPasswordScreen() {
  const t = useT();
  const signOut = useSignOut();
  return (
    <AuthFrame title={t('auth.password.first_title')}>
      <Text size="sm" c="dimmed" mb="md">
        {t('auth.password.first_intro')}
      </Text>
      <ChangePasswordForm autoFocus />
      <Button variant="subtle" size="xs" mt="sm" onClick={() => signOut.mutate()} data-testid="first-password-signout">
        {t('auth.signout')}
      </Button>
    </AuthFrame>
  );
}
