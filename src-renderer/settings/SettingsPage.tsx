import { Alert, Group, Loader } from '@mantine/core';
import { AuditSection } from '../audit/AuditSection';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { DemoDataSection } from '../demo/DemoDataSection';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { Page } from '../shell/Page';
import { Section } from '../shell/Section';
import { AddStaffForm } from '../staff/AddStaffForm';
import { StaffTable } from '../staff/StaffTable';
import { BackupSection } from '../store/BackupSection';
import { useSettings } from './hooks';
import { ClientRulesForm } from './ClientRulesForm';
import { IdleLockForm } from './IdleLockForm';
import { SecurityForm } from './SecurityForm';

/** Each section shows only to staff whose roles the contract lets call its methods. */
export function SettingsPage() {
  const t = useT();
  const { staff } = useSession();

  return (
    <Page title={t('nav.settings')}>
      <Section title={t('settings.language.title')} description={t('settings.language.description')}>
        <Group>
          <LanguageSwitch size="sm" testId="settings-language" />
        </Group>
      </Section>
      <Section title={t('auth.password.title')} description={t('auth.password.description')} testId="password-section">
        <ChangePasswordForm />
      </Section>
      {mayCall(staff, 'settings.update') && <IdleLockSection />}
      {mayCall(staff, 'settings.update') && <ClientRulesSection />}
      {mayCall(staff, 'settings.update') && <SecuritySection />}
      <DemoDataSection />
      {mayCall(staff, 'staff.list') && (
        <Section title={t('staff.title')} testId="staff-section">
          <StaffTable />
          {mayCall(staff, 'staff.create') && <AddStaffForm />}
        </Section>
      )}
      {mayCall(staff, 'store.backup') && <BackupSection />}
      {mayCall(staff, 'audit.list') && <AuditSection />}
    </Page>
  );
}

function IdleLockSection() {
  const t = useT();
  const settings = useSettings();
  return (
    <Section title={t('settings.lock.title')} description={t('settings.lock.description')} testId="idle-section">
      {settings.data ? (
        <IdleLockForm current={settings.data.idleLockMinutes} />
      ) : settings.isError ? (
        <Alert color="red">{errorMessage(t, settings.error)}</Alert>
      ) : (
        <Loader size="sm" />
      )}
    </Section>
  );
}

function ClientRulesSection() {
  const t = useT();
  const settings = useSettings();
  return (
    <Section title={t('settings.rules.title')} description={t('settings.rules.description')} testId="rules-section">
      {settings.data ? (
        <ClientRulesForm current={settings.data} />
      ) : settings.isError ? (
        <Alert color="red">{errorMessage(t, settings.error)}</Alert>
      ) : (
        <Loader size="sm" />
      )}
    </Section>
  );
}

function SecuritySection() {
  const t = useT();
  const settings = useSettings();
  return (
    <Section title={t('settings.security.title')} description={t('settings.security.description')} testId="security-section">
      {settings.data ? (
        <SecurityForm current={settings.data} />
      ) : settings.isError ? (
        <Alert color="red">{errorMessage(t, settings.error)}</Alert>
      ) : (
        <Loader size="sm" />
      )}
    </Section>
  );
}
