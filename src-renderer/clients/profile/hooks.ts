import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InputOf, MethodName } from '../../../src-shared/contract';
import { callMethod } from '../../api/client';
import { profileQuery } from '../hooks';

/**
 * A change to one client's profile (needs and preferences, important dates, strategic pin, referral): the
 * profile is read again afterwards; what also shows in lists (the strategic flag) refreshes those too.
 */
function useProfileChange<M extends MethodName>(method: M, clientId: string, { listed = false, reminders = false } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<M>) => callMethod(method, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: profileQuery(clientId).queryKey });
      if (listed) {
        void queryClient.invalidateQueries({ queryKey: ['clients.list'] });
        void queryClient.invalidateQueries({ queryKey: ['clients.search'] });
      }
      if (reminders) {
        void queryClient.invalidateQueries({ queryKey: ['reminders.forClient'] });
        void queryClient.invalidateQueries({ queryKey: ['reminders.worklist'] });
        void queryClient.invalidateQueries({ queryKey: ['reminders.counts'] });
      }
    },
  });
}

export const useUpdateProfile = (clientId: string) => useProfileChange('clients.updateProfile', clientId);
export const useAddImportantDate = (clientId: string) => useProfileChange('clients.addImportantDate', clientId);
export const useRemoveImportantDate = (clientId: string) => useProfileChange('clients.removeImportantDate', clientId);
export const usePinStrategic = (clientId: string) => useProfileChange('clients.pinStrategic', clientId, { listed: true });
/** The risk level shows in lists and search results too, and a renewal settles the "assessment expired" reminder. */
export const useRecordAssessment = (clientId: string) =>
  useProfileChange('clients.recordAssessment', clientId, { listed: true, reminders: true });

/** A referral earns both clients points, so both profiles are read again. */
export function useAddReferral(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'clients.addReferral'>) => callMethod('clients.addReferral', input),
    onSuccess: (_, input) => {
      void queryClient.invalidateQueries({ queryKey: profileQuery(clientId).queryKey });
      void queryClient.invalidateQueries({ queryKey: profileQuery(input.refereeId).queryKey });
    },
  });
}
