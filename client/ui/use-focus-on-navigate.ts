// After an in-app navigation, moves focus to the new page's main landmark, as a full page
// load would, so keyboard and screen-reader users start at the new content rather than
// on a button that no longer exists. Initial loads and back/forward (POP) are left alone.
// Every navigation counts, one to the address already shown too (New chat at home).
import { type RefObject, useEffect } from 'react';
import { useLocation, useNavigationType } from 'react-router';

export function useFocusOnNavigate(ref: RefObject<HTMLElement | null>): void {
  const { key } = useLocation();
  const navigationType = useNavigationType();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per navigation
  useEffect(() => {
    if (navigationType !== 'POP') ref.current?.focus({ preventScroll: true });
  }, [key]);
}
