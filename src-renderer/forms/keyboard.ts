import type { KeyboardEvent } from 'react';

/**
 * A form's keydown handler: Ctrl/⌘+Enter submits (from a textarea too), never while an IME is still composing
 * Chinese characters. With `blockPlainEnter`, plain Enter in a one-line field does not submit either, so a
 * half-typed note cannot go in by accident.
 */
export function ctrlEnterSubmits(submit: () => void, options: { blockPlainEnter?: boolean } = {}) {
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      submit();
    } else if (options.blockPlainEnter && event.target instanceof HTMLInputElement) {
      event.preventDefault();
    }
  };
}
