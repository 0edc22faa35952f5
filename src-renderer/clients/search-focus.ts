import type { RefCallback } from 'react';

/**
 * The global search shortcut may fire on any page: the request waits here until the Clients page's search box
 * is mounted, then focuses it. The text is selected, so the next client's name simply replaces the last one's.
 */
let box: HTMLInputElement | null = null;
let pending = false;

export function focusClientSearch(): void {
  if (box) take(box);
  else pending = true;
}

export const clientSearchRef: RefCallback<HTMLInputElement> = (element) => {
  box = element;
  if (element && pending) {
    pending = false;
    take(element);
  }
  return () => {
    if (box === element) box = null;
  };
};

function take(element: HTMLInputElement): void {
  element.focus();
  element.select();
}
