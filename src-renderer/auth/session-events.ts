import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api/client';
import { authStateQuery, markLocked } from './hooks';

/** Main's word on this session (locked by its idle timer, ended elsewhere) reaches the screen at once. */
export function useSessionEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offLocked = api.on('session.locked', () => markLocked(queryClient));
    const offEnded = api.on('session.ended', () => void queryClient.invalidateQueries({ queryKey: authStateQuery.queryKey }));
    return () => {
      offLocked();
      offEnded();
    };
  }, [queryClient]);
}
