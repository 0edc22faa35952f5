import { Alert, Button, NumberInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { useSettingsForm } from './hooks';

/** The administrator's idle limit before a workstation locks itself. */
export function IdleLockForm({ current }: { current: number }) {
  const t = useT();
  const { update, fields, save } = useSettingsForm();
  const [minutes, setMinutes] = useState<string | number>(current);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // An empty box is "no number", which the schema refuses, rather than "leave unchanged".
    save({ idleLockMinutes: minutes === '' ? null : Number(minutes) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <NumberInput
          data-testid="idle-minutes"
          label={t('settings.lock.minutes')}
          min={1}
          max={240}
          allowDecimal={false}
          allowNegative={false}
          value={minutes}
          onChange={setMinutes}
          error={fields.errorOf('idleLockMinutes')}
        />
        <Button data-testid="idle-submit" type="submit" loading={update.isPending} w="fit-content">
          {t('settings.save')}
        </Button>
        {update.isError && (
          <Alert color="red" variant="light">
            {errorMessage(t, update.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
