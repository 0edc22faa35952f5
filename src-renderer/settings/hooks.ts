import { localDate } from '../../src-shared/domain/clock';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { contract, type InputOf } from '../../src-shared/contract';
import { api } from '../api/client';
import { methodQuery } from '../api/query';
import { authStateQuery } from '../auth/hooks';
import { check, useFieldIssues } from '../forms/validation';
import { useT } from '../i18n/I18nProvider';
import { useCancellableJob } from '../jobs/hooks';

export const settingsQuery = methodQuery('settings.get', {});

export function useSettings() {
  return useQuery(settingsQuery);
}

/**
 * The workstation's zone (Settings) — what "today" and a typed time mean — and today in it. Until the settings have
 * loaded (`known` false), the zone of the machine the browser runs on: a figure for "this year" or "today" waits for
 * `known`, since the two zones' days differ for some hours of every day.
 */
export function useWorkstationDay(): { timeZone: string; today: string; known: boolean } {
  const settings = useSettings();
  const timeZone = settings.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { timeZone, today: localDate(Date.now(), timeZone), known: settings.data !== undefined };
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'settings.update'>) => api.settings.update(input),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsQuery.queryKey, settings);
      // The session carries the idle limit the lock timer runs on.
      void queryClient.invalidateQueries({ queryKey: authStateQuery.queryKey });
    },
  });
}

/**
 * A settings form's save: checks the values against the contract first (issues beside their fields, nothing sent),
 * then saves and says so, or puts main's refusal beside its field.
 */
export function useSettingsForm() {
  const t = useT();
  const update = useUpdateSettings();
  const fields = useFieldIssues();
  const save = (values: unknown) => {
    const checked = check(contract['settings.update'].input, values);
    if (!checked.ok) return fields.setIssues(checked.issues);
    fields.clear();
    update.mutate(checked.data, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('settings.saved') }),
      onError: fields.takeFrom,
    });
  };
  return { update, fields, save };
}

/**
 * Changes the client rules' thresholds as a job: a changed tier or lifecycle threshold re-tiers the whole archive
 * before main answers, with progress and Cancel. Tiers and stages on every client screen may have moved.
 */
export function useUpdateClientRules() {
  const queryClient = useQueryClient();
  return useCancellableJob(async (jobId, input: InputOf<'settings.update'>) => {
    const settings = await api.settings.update({ ...input, jobId });
    queryClient.setQueryData(settingsQuery.queryKey, settings);
    for (const method of ['clients.search', 'clients.list', 'clients.profile']) {
      void queryClient.invalidateQueries({ queryKey: [method] });
    }
    return settings;
  });
}
