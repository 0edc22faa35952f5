import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../src-shared/contract';
import { api } from '../api/client';
import { methodQuery } from '../api/query';

export const templatesQuery = methodQuery('surveys.templates', {});

/** Every template with the version offered now; a manager's change elsewhere arrives with sync, so it reads again on open. */
export function useTemplates() {
  return useQuery({ ...templatesQuery, staleTime: 0 });
}

export function useTemplate(id: string) {
  return useQuery({ ...methodQuery('surveys.template', { id }), staleTime: 0 });
}

export function useResponses(input: InputOf<'surveys.responses'>, enabled = true) {
  return useQuery({ ...methodQuery('surveys.responses', input), enabled, placeholderData: keepPreviousData, staleTime: 0 });
}

/** After anything that changes templates or answers: the lists, the figures and the worklist read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [
      'surveys.templates',
      'surveys.template',
      'surveys.responses',
      'surveys.report',
      'reminders.worklist',
      'reminders.counts',
      'reminders.forClient',
    ]) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
  };
}

export function useSubmitSurvey() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'surveys.submit'>) => api.surveys.submit(input), onSuccess: refresh });
}

export function usePublish() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'surveys.publish'>) => api.surveys.publish(input), onSuccess: refresh });
}

export function useRetire() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: InputOf<'surveys.retire'>) => api.surveys.retire(input), onSuccess: refresh });
}
