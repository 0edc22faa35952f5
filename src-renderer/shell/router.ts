import { useMemo, useSyncExternalStore } from 'react';

/** The app's places, one per capability. Hash routing: the same in `app://` and on the browser host. */
export const ROUTES = ['home', 'clients', 'worklist', 'complaints', 'events', 'surveys', 'reports', 'sync', 'settings'] as const;
export type Route = (typeof ROUTES)[number];
const HOME: Route = 'home';

/** Where the window is: a place, and optionally one record of it (`#/clients/<id>` is one client's profile). */
export interface Location {
  route: Route;
  id: string | null;
}

function isRoute(name: string): name is Route {
  return (ROUTES as readonly string[]).includes(name);
}

export function parseLocation(hash: string): Location {
  const [name = '', id = ''] = hash.replace(/^#\/?/, '').split('?')[0]?.split('/') ?? [];
  if (!isRoute(name)) return { route: HOME, id: null };
  let decoded: string | null = null;
  try {
    decoded = id ? decodeURIComponent(id) : null;
  } catch {
    // A malformed escape in a hand-typed address: show the place itself rather than fail.
  }
  return { route: name, id: decoded };
}

function currentHash(): string {
  return window.location.hash;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The window's address after `#`, query included (`#/surveys/enter?client=…`), kept current. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, currentHash);
}

export function useLocation(): Location {
  const hash = useHash();
  return useMemo(() => parseLocation(hash), [hash]);
}

export function useRoute(): Route {
  return useLocation().route;
}

export function hrefOf(route: Route, id?: string): string {
  return id === undefined ? `#/${route}` : `#/${route}/${encodeURIComponent(id)}`;
}

export function navigate(route: Route, id?: string): void {
  window.location.hash = hrefOf(route, id);
}
