import { Alert, Button, Checkbox, Group, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../src-shared/contract';
import { staffContract } from '../../src-shared/contract/staff';
import { check, useFieldIssues } from '../forms/validation';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { useCreateStaff } from './hooks';
import { ROLE_LABELS } from './roles';

const EMPTY = { login: '', displayName: '', roles: [] as Role[], password: '' };

export function AddStaffForm() {
  const t = useT();
  const create = useCreateStaff();
  const fields = useFieldIssues();
  const [values, setValues] = useState(EMPTY);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(staffContract['staff.create'].input, values);
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    create.mutate(checked.data, {
      onSuccess: (member) => {
        notifications.show({ color: 'teal', message: t('staff.added', { name: member.displayName }) });
        setValues(EMPTY);
      },
      onError: fields.takeFrom,
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="staff-add-form">
      <Stack gap="sm" maw={480}>
        <Title order={3} size="h5">
          {t('staff.add.title')}
        </Title>
        <TextInput
          data-testid="staff-add-login"
          label={t('auth.field.login')}
          description={t('auth.field.login_hint')}
          autoComplete="off"
          value={values.login}
          onChange={(e) => set('login', e.currentTarget.value)}
          error={fields.errorOf('login')}
        />
        <TextInput
          data-testid="staff-add-name"
          label={t('auth.field.display_name')}
          autoComplete="off"
          value={values.displayName}
          onChange={(e) => set('displayName', e.currentTarget.value)}
          error={fields.errorOf('displayName')}
        />
        <PasswordInput
          data-testid="staff-add-password"
          label={t('auth.field.password')}
          description={t('auth.field.password_hint')}
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set('password', e.currentTarget.value)}
          error={fields.errorOf('password')}
        />
        {/* Five fixed roles: checkboxes show them all at once and need no dropdown. */}
        <Checkbox.Group<Role>
          data-testid="staff-add-roles"
          label={t('staff.roles')}
          value={values.roles}
          onChange={(roles) => set('roles', roles)}
          error={fields.errorOf('roles')}
        >
          <Group gap="sm" mt={6}>
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={t(ROLE_LABELS[role])} data-testid={`staff-add-role-${role}`} />
            ))}
          </Group>
        </Checkbox.Group>
        {create.isError && (
          <Alert data-testid="staff-add-error" color="red" variant="light">
            {errorMessage(t, create.error)}
          </Alert>
        )}
        <Button data-testid="staff-add-submit" type="submit" loading={create.isPending} w="fit-content">
          {t('staff.add.submit')}
        </Button>
      </Stack>
    </form>
  );
}
