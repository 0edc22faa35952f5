import { Alert, Button, Code, DataList, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SyncStatus } from '../../src-shared/contract';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { errorMessage, keyMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n, useT } from '../i18n/I18nProvider';
import { hrefOf } from '../shell/router';
import { Page } from '../shell/Page';
import { Section } from '../shell/Section';
import { EnrollForm } from './EnrollForm';
import { lastAttemptFailed, offsetMinutes } from './health';
import { useSyncStatus } from './hooks';
import { ParkedReview } from './ParkedReview';
import { SyncNowPanel } from './SyncNowPanel';

/**
 * The Sync page (issue 4): where this workstation stands with head office — the hub, the last good sync, what is
 * still waiting, the last failure in plain words — with "Sync now", and enrollment while there is none.
 */
export function SyncPage() {
  const { t } = useI18n();
  const { staff } = useSession();
  const status = useSyncStatus();

  return (
    <Page title={t('nav.sync')}>
      {!status.data ? (
        status.isError ? (
          <Alert color="red" variant="light" data-testid="sync-load-error">
            {errorMessage(t, status.error)}
          </Alert>
        ) : (
          <Loader size="sm" />
        )
      ) : (
        <>
          {needsEnrollment(status.data) && (
            <Section
              title={t(status.data.enrolled ? 'sync.enroll.again_title' : 'sync.enroll.title')}
              description={t(status.data.enrolled ? 'sync.enroll.again_intro' : 'sync.enroll.intro')}
              testId="sync-enroll"
            >
              {status.data.demoClients > 0 ? (
                <DemoFirst clients={status.data.demoClients} />
              ) : mayCall(staff, 'sync.enroll') ? (
                <EnrollForm knownHubUrl={status.data.hubUrl} />
              ) : (
                <Alert data-testid="sync-ask-admin" color="gray" variant="light">
                  {t('sync.enroll.ask_admin')}
                </Alert>
              )}
            </Section>
          )}
          <StatusSection status={status.data} />
          {status.data.parkedChanges > 0 && <ParkedReview />}
        </>
      )}
    </Page>
  );
}

/** Demo data never reaches head office: it goes first (Settings), then the workstation is enrolled. */
function DemoFirst({ clients }: { clients: number }) {
  const t = useT();
  const formats = useFormats();
  return (
    <Alert data-testid="sync-demo-first" color="orange" variant="light" title={t('sync.demo.title')}>
      <Stack gap="xs">
        <Text size="sm">{t('sync.demo.body', { clients: formats.count(clients) })}</Text>
        <Group>
          <Button component="a" href={hrefOf('settings')} size="xs" variant="light" color="orange" data-testid="sync-demo-settings">
            {t('sync.demo.go_settings')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Not enrolled yet, or the hub no longer takes this workstation's token (revoked): only a new code helps. */
function needsEnrollment(status: SyncStatus): boolean {
  return !status.enrolled || (lastAttemptFailed(status) && status.lastError?.key === 'errors.sync.unauthorized');
}

function StatusSection({ status }: { status: SyncStatus }) {
  const { t, formatDateTime } = useI18n();
  const formats = useFormats();
  const failed = lastAttemptFailed(status);
  const time = (iso: string | null, none: string) => (iso ? formatDateTime(iso) : none);

  return (
    <Section title={t('sync.status.title')} testId="sync-status">
      {status.restoring && (
        <Alert data-testid="sync-restoring" color="blue" variant="light" title={t('sync.restoring.title')}>
          {t('sync.restoring.body')}
        </Alert>
      )}
      {status.clockWrong && (
        <Alert data-testid="sync-clock-warning" color="orange" variant="light" title={t('sync.clock.title')}>
          {status.clockOffsetMs === null
            ? t('sync.clock.body_unknown')
            : t(status.clockOffsetMs > 0 ? 'sync.clock.ahead' : 'sync.clock.behind', { minutes: offsetMinutes(status.clockOffsetMs) })}
        </Alert>
      )}
      {failed && status.lastError && (
        <Alert
          data-testid="sync-last-error"
          color="red"
          variant="light"
          title={t('sync.last_error.title', { time: formatDateTime(status.lastError.at) })}
        >
          {keyMessage(t, status.lastError.key, status.lastError.params)}
        </Alert>
      )}
      <DataList labelWidth={180} gap="xs">
        <Fact label={t('sync.enrolled')} testId="sync-enrolled">
          <Text size="sm" fw={500} c={status.enrolled ? 'teal.8' : 'dimmed'}>
            {t(status.enrolled ? 'sync.enrolled.yes' : 'sync.enrolled.no')}
          </Text>
        </Fact>
        <Fact label={t('sync.hub')} testId="sync-hub">
          {status.hubUrl ?? '—'}
        </Fact>
        <Fact label={t('sync.branch')} testId="sync-branch">
          {status.branchId ?? '—'}
        </Fact>
        <Fact label={t('sync.device')} testId="sync-device">
          <Code>{status.deviceId}</Code>
        </Fact>
        <Fact label={t('sync.last_success')} testId="sync-last-success">
          {time(status.lastSuccessAt, t('sync.never'))}
        </Fact>
        <Fact label={t('sync.last_attempt')} testId="sync-last-attempt">
          {time(status.lastAttemptAt, t('sync.never'))}
        </Fact>
        <Fact label={t('sync.pending')} testId="sync-pending">
          {formats.count(status.pendingChanges)}
        </Fact>
        <Fact label={t('sync.parked')} testId="sync-parked">
          {status.parkedChanges > 0 ? t('sync.parked.some', { count: formats.count(status.parkedChanges) }) : formats.count(0)}
        </Fact>
        <Fact label={t('sync.state')} testId="sync-state">
          {t(status.running ? 'sync.state.running' : 'sync.state.idle')}
        </Fact>
        <Fact label={t('sync.next_attempt')} testId="sync-next-attempt">
          {time(status.nextAttemptAt, t('sync.next_attempt.none'))}
        </Fact>
        {!failed && (
          <Fact label={t('sync.last_error')} testId="sync-earlier-error">
            {status.lastError
              ? t('sync.last_error.earlier', {
                  time: formatDateTime(status.lastError.at),
                  message: keyMessage(t, status.lastError.key, status.lastError.params),
                })
              : t('sync.last_error.none')}
          </Fact>
        )}
      </DataList>
      <SyncNowPanel enrolled={status.enrolled} running={status.running} />
    </Section>
  );
}

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
      <DataList.ItemValue data-testid={testId}>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
