import { Alert, Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { Section } from '../shell/Section';
import { useDemoStatus, useRemoveDemoData } from './hooks';

/**
 * Demo data (the browser host's first run, `admin seed`): synthetic clients for training, which never leave this
 * workstation. It must go before the workstation is enrolled with head office; an administrator removes it here.
 */
export function DemoDataSection() {
  const t = useT();
  const formats = useFormats();
  const { staff } = useSession();
  const status = useDemoStatus();
  const remove = useRemoveDemoData();
  const [confirming, setConfirming] = useState(false);
  const held = status.data;
  const holds = held !== undefined && (held.clients > 0 || held.staff > 0);
  const { progress } = remove;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const mayRemove = mayCall(staff, 'demo.remove');
  // Staff who cannot remove it hear of demo data only while there is some.
  if (!mayRemove && !holds) return null;

  return (
    <Section title={t('settings.demo.title')} description={t('settings.demo.description')} testId="demo-section">
      {status.isError && <Alert color="red">{errorMessage(t, status.error)}</Alert>}
      {held && !holds && (
        <Text size="sm" c="dimmed" data-testid="demo-none">
          {t('settings.demo.none')}
        </Text>
      )}
      {held && holds && (
        <Stack gap="xs" maw={620}>
          <Alert color="orange" variant="light" data-testid="demo-holds">
            {t('settings.demo.holds', { clients: formats.count(held.clients), staff: formats.count(held.staff) })}
          </Alert>
          {mayRemove ? (
            <Group gap="xs">
              <Button data-testid="demo-remove" color="red" variant="light" onClick={() => setConfirming(true)} loading={remove.isPending}>
                {t('settings.demo.remove')}
              </Button>
              {remove.isPending && (
                <Button data-testid="demo-cancel" variant="default" onClick={remove.cancel} loading={remove.cancelling}>
                  {t('common.cancel')}
                </Button>
              )}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('settings.demo.ask_admin')}
            </Text>
          )}
        </Stack>
      )}
      {remove.isPending && (
        <Progress data-testid="demo-progress" value={percent} animated maw={620} aria-label={t('settings.demo.removing')} />
      )}
      {remove.isSuccess && (
        <Alert color="teal" variant="light" data-testid="demo-removed" maw={620}>
          {t('settings.demo.removed', {
            clients: formats.count(remove.data.removed.clients),
            staff: formats.count(remove.data.removed.staff),
          })}
        </Alert>
      )}
      {remove.isError && (
        <Alert color={remove.cancelled ? 'gray' : 'red'} variant="light" maw={620}>
          {remove.cancelled ? t('settings.demo.cancelled') : errorMessage(t, remove.error)}
        </Alert>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('settings.demo.confirm_title')} centered>
        <Stack gap="md">
          <Text size="sm">
            {t('settings.demo.confirm_body', { clients: formats.count(held?.clients ?? 0), staff: formats.count(held?.staff ?? 0) })}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              data-testid="demo-remove-confirm"
              color="red"
              data-autofocus
              onClick={() => {
                setConfirming(false);
                remove.start();
              }}
            >
              {t('settings.demo.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
