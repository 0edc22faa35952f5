import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../src-shared/contract';
import { api } from '../api/client';
import { methodQuery } from '../api/query';

export const staffListQuery = methodQuery('staff.list', {});

export function useStaffList() {
  return useQuery(staffListQuery);
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'staff.create'>) => api.staff.create(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: staffListQuery.queryKey }),
  });
}
