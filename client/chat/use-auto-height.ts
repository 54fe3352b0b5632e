// Grows a textarea with its content (up to its CSS max-height). Browsers with
// `field-sizing: content` do it in CSS; the others get the height set after each change.
import { type RefObject, useLayoutEffect } from 'react';

const CSS_SIZING = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

export function useAutoHeight(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the value
  useLayoutEffect(() => {
    const field = ref.current;
    if (CSS_SIZING || !field) return;
    field.style.height = 'auto';
    field.style.height = `${field.scrollHeight + field.offsetHeight - field.clientHeight}px`;
  }, [ref, value]);
}
