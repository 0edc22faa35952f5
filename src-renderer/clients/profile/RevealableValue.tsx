import { Alert, Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { contract } from '../../../src-shared/contract';
import { useSession } from '../../auth/hooks';
import { check, useFieldIssues } from '../../forms/validation';
import { errorMessage } from '../../i18n/errors';
import { useT } from '../../i18n/I18nProvider';
import { useSettings } from '../../settings/hooks';
import { useReveal } from '../hooks';

/** How long a revealed value stays on screen before it is masked again. */
const SHOW_FOR_MS = 30_000;

type Field = 'id_number' | 'mobile';

const TEXT = {
  id_number: { reveal: 'clients.reveal.id', title: 'clients.reveal.id_title' },
  mobile: { reveal: 'clients.reveal.mobile', title: 'clients.reveal.mobile_title' },
} as const;

/**
 * A masked ID number or mobile, with a way to see it in full: asked for with a reason, written to the audit log
 * (DOMAIN.md §1), shown in place for 30 seconds and then masked again. The clear value lives only in this
 * component's state; it is dropped early when the screen locks.
 */
export function RevealableValue({
  clientId,
  field,
  masked,
  testIds,
}: {
  clientId: string;
  field: Field;
  masked: string | null;
  testIds: { masked: string; reveal: string };
}) {
  const t = useT();
  const session = useSession();
  const [revealed, setRevealed] = useState<{ value: string; until: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [asking, setAsking] = useState(false);
  // Its own permission: the roles the administrator's setting names (main checks it again).
  const revealRoles = useSettings().data?.revealRoles ?? [];
  const mayReveal = session.staff.roles.some((role) => revealRoles.includes(role));

  useEffect(() => {
    if (!revealed) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= revealed.until) setRevealed(null);
    }, 250);
    return () => clearInterval(timer);
  }, [revealed]);

  useEffect(() => {
    if (session.locked) setRevealed(null);
  }, [session.locked]);

  if (masked === null) return <Text size="sm">—</Text>;

  if (revealed) {
    const seconds = Math.max(0, Math.ceil((revealed.until - now) / 1000));
    return (
      <Group gap="xs">
        <Text data-testid="revealed-value" data-field={field} size="sm" ff="monospace" fw={700} c="orange.9">
          {revealed.value}
        </Text>
        <Badge color="orange" variant="light" size="sm" tt="none">
          {t('clients.reveal.countdown', { seconds })}
        </Badge>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setRevealed(null)}>
          {t('clients.reveal.hide')}
        </Button>
      </Group>
    );
  }

  return (
    <Group gap="xs">
      <Text data-testid={testIds.masked} size="sm" ff="monospace">
        {masked}
      </Text>
      {mayReveal && (
        <Button data-testid={testIds.reveal} size="compact-xs" variant="light" onClick={() => setAsking(true)}>
          {t(TEXT[field].reveal)}
        </Button>
      )}
      <RevealModal
        opened={asking}
        clientId={clientId}
        field={field}
        onClose={() => setAsking(false)}
        onRevealed={(value) => {
          const at = Date.now();
          setNow(at);
          setRevealed({ value, until: at + SHOW_FOR_MS });
          setAsking(false);
        }}
      />
    </Group>
  );
}

function RevealModal({
  opened,
  clientId,
  field,
  onClose,
  onRevealed,
}: {
  opened: boolean;
  clientId: string;
  field: Field;
  onClose: () => void;
  onRevealed: (value: string) => void;
}) {
  const t = useT();
  const reveal = useReveal();
  const fields = useFieldIssues();
  const [reason, setReason] = useState('');

  const close = () => {
    setReason('');
    fields.clear();
    reveal.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(contract['clients.reveal'].input, { id: clientId, field, reason });
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    reveal.mutate(checked.data, {
      onSuccess: ({ value }) => {
        // Forget the answer in the mutation cache at once: the value lives only where it is shown.
        reveal.reset();
        setReason('');
        onRevealed(value);
      },
      onError: fields.takeFrom,
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={t(TEXT[field].title)} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('clients.reveal.intro')}
          </Text>
          <TextInput
            data-testid="reveal-reason"
            data-autofocus
            label={t('clients.reveal.reason')}
            placeholder={t('clients.reveal.reason_placeholder')}
            autoComplete="off"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fields.errorOf('reason')}
          />
          {reveal.isError && (
            <Alert color="red" variant="light">
              {errorMessage(t, reveal.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button data-testid="reveal-submit" type="submit" loading={reveal.isPending}>
              {t('clients.reveal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
