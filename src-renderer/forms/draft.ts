import { type ChangeEvent, useState } from 'react';

type TextKeys<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D];

/**
 * A form's typed draft: `set` changes one field, `text` binds a text input, textarea or native select to a string field and shows
 * the issue for its path (the field's own name unless the contract calls it something else).
 */
export function useDraft<D extends object>(initial: D, errorOf: (path: string) => string | undefined) {
  const [draft, setDraft] = useState<D>(initial);
  const set = <K extends keyof D>(key: K, value: D[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const text = <K extends TextKeys<D>>(key: K, path: string = String(key)) => ({
    value: draft[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => set(key, e.currentTarget.value as D[K]),
    error: errorOf(path),
  });
  return { draft, set, text, reset: () => setDraft(initial) };
}
