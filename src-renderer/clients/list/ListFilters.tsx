import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useSession } from '../../auth/hooks';
import { mayCall } from '../../auth/access';
import { useT } from '../../i18n/I18nProvider';
import { LIFECYCLES, TIERS, type Lifecycle, type Tier } from '../labels';
import type { FilterForm } from './filters';
import { useManagerChoices } from './hooks';

/**
 * Tier, lifecycle, relationship manager, interest tag, expired risk assessment, overdue reminder. Staff who may not list colleagues
 * still get "my clients" as the manager filter.
 */
export function ListFilters({ form, onChange }: { form: FilterForm; onChange: (form: FilterForm) => void }) {
  const t = useT();
  const { staff } = useSession();
  const managers = useManagerChoices(mayCall(staff, 'staff.list'));
  const set = <K extends keyof FilterForm>(key: K, value: FilterForm[K]) => onChange({ ...form, [key]: value });
  const any = { value: '', label: t('clients.list.any') };

  const managerOptions = [
    any,
    { value: staff.id, label: t('clients.list.my_clients') },
    ...(managers.data ?? []).filter((s) => s.id !== staff.id).map((s) => ({ value: s.id, label: s.displayName })),
  ];

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <NativeSelect
        data-testid="filter-tier"
        label={t('clients.col.tier')}
        data={[any, ...(Object.keys(TIERS) as Tier[]).map((tier) => ({ value: tier, label: t(TIERS[tier].label) }))]}
        value={form.tier}
        onChange={(e) => set('tier', e.currentTarget.value as Tier | '')}
        w={120}
      />
      <NativeSelect
        data-testid="filter-lifecycle"
        label={t('clients.col.lifecycle')}
        data={[any, ...(Object.keys(LIFECYCLES) as Lifecycle[]).map((l) => ({ value: l, label: t(LIFECYCLES[l].label) }))]}
        value={form.lifecycle}
        onChange={(e) => set('lifecycle', e.currentTarget.value as Lifecycle | '')}
        w={140}
      />
      <NativeSelect
        data-testid="filter-manager"
        label={t('clients.col.manager')}
        data={managerOptions}
        value={form.managerId}
        onChange={(e) => set('managerId', e.currentTarget.value)}
        w={160}
      />
      <TextInput
        data-testid="filter-tag"
        label={t('clients.list.tag')}
        placeholder={t('clients.list.tag_placeholder')}
        autoComplete="off"
        maxLength={32}
        value={form.tag}
        onChange={(e) => set('tag', e.currentTarget.value)}
        w={160}
      />
      <NativeSelect
        data-testid="filter-risk-expired"
        label={t('clients.list.risk_expired')}
        data={[
          { value: 'any', label: t('clients.list.any') },
          { value: 'yes', label: t('clients.list.risk_expired_yes') },
          { value: 'no', label: t('clients.list.risk_expired_no') },
        ]}
        value={form.riskExpired}
        onChange={(e) => set('riskExpired', e.currentTarget.value as FilterForm['riskExpired'])}
        w={190}
      />
      <NativeSelect
        data-testid="filter-overdue-reminder"
        label={t('clients.list.overdue_reminder')}
        data={[
          { value: 'any', label: t('clients.list.any') },
          { value: 'yes', label: t('clients.list.overdue_reminder_yes') },
          { value: 'no', label: t('clients.list.overdue_reminder_no') },
        ]}
        value={form.overdueReminder}
        onChange={(e) => set('overdueReminder', e.currentTarget.value as FilterForm['overdueReminder'])}
        w={190}
      />
    </Group>
  );
}
