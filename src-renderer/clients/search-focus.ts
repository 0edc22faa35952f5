import type { RefCallback } from 'react';

/**
 * The global search shortcut may fire on any page: the request waits here until the Clients page's search box
 * is mounted, then focuses it.
 */
let box: HTMLInputElement | null = null;
let pending = false;

export function focusClientSearch(): void {
  if (box) box.focus();
  else pending = true;
}

export const clientSearchRef: RefCallback<HTMLInputElement> = (element) => {
  box = element;
  if (element && pending) {
    pending = false;
    element.focus();
  }
  return () => {
    if (box === element) box = null;
  };
};
