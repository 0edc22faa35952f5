import { Alert, Button, Checkbox, Group, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ROLES, type Role, type Settings } from '../../src-shared/contract';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { ROLE_LABELS } from '../staff/roles';
import { useSettingsForm } from './hooks';

/**
 * Who may see a full ID number or mobile (its own permission, DOMAIN.md §1), and the bank's own certificate authority
 * for the hub's HTTPS, if it has one.
 */
export function SecurityForm({ current }: { current: Settings }) {
  const t = useT();
  const { update, fields, save } = useSettingsForm();
  const [roles, setRoles] = useState<Role[]>(current.revealRoles);
  const [pem, setPem] = useState(current.hubCaPem ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save({ revealRoles: roles, hubCaPem: pem.trim() === '' ? null : pem.trim() });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="security-form">
      <Stack gap="md" maw={640}>
        <Checkbox.Group
          label={t('settings.security.reveal_roles')}
          description={t('settings.security.reveal_roles_hint')}
          value={roles}
          onChange={(value) => setRoles(value)}
          error={fields.errorOf('revealRoles')}
        >
          <Group mt="xs">
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(ROLE_LABELS[role])} data-testid={`reveal-role-${role}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea
          data-testid="hub-ca-pem"
          label={t('settings.security.hub_ca')}
          description={t('settings.security.hub_ca_hint')}
          placeholder="-----BEGIN CERTIFICATE-----"
          autosize
          minRows={3}
          maxRows={10}
          ff="monospace"
          value={pem}
          onChange={(e) => setPem(e.currentTarget.value)}
          error={fields.errorOf('hubCaPem')}
        />
        <Button data-testid="security-submit" type="submit" loading={update.isPending} w="fit-content">
          {t('settings.save')}
        </Button>
        {update.isError && !fields.errorOf('hubCaPem') && !fields.errorOf('revealRoles') && (
          <Alert color="red" variant="light">
            {errorMessage(t, update.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
