import { useSyncExternalStore } from 'react';

/** The app's places, one per capability. Hash routing: the same in `app://` and on the browser host. */
export const ROUTES = ['clients', 'worklist', 'complaints', 'events', 'surveys', 'reports', 'sync', 'settings'] as const;
export type Route = (typeof ROUTES)[number];
const HOME: Route = 'clients';

function isRoute(name: string): name is Route {
  return (ROUTES as readonly string[]).includes(name);
}

function currentRoute(): Route {
  const name = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRoute(name) ? name : HOME;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute);
}

export function hrefOf(route: Route): string {
  return `#/${route}`;
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}
