// Keeps a scrolling conversation pinned to its end while it grows (a reply streaming in,
// rows measured), until the person scrolls up to read; "jump to latest" pins it again.
import { useCallback, useRef, useState } from 'react';

/** Closer than this to the end counts as "at the end" (a wheel notch is about 100 px). */
const AT_END_PX = 32;

export function useFollowStream() {
  const scroller = useRef<HTMLElement | null>(null);
  const following = useRef(true);
  const [atEnd, setAtEnd] = useState(true);

  const pin = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  /** Growth of what it observes keeps the end in view while following. */
  const follow = useCallback(
    (el: HTMLElement) => {
      const observer = new ResizeObserver(() => {
        if (following.current) pin();
      });
      observer.observe(el);
      // Pinning as soon as an element is attached (before any layout effect) lets a virtual
      // list compute its first range at the end, so the first paint shows the latest.
      if (following.current) pin();
      return () => observer.disconnect();
    },
    [pin],
  );

  /** The scroll container's ref. */
  const scrollerRef = useCallback(
    (el: HTMLElement | null) => {
      if (!el) return;
      scroller.current = el;
      const onScroll = () => {
        const end = el.scrollHeight - el.scrollTop - el.clientHeight < AT_END_PX;
        following.current = end;
        setAtEnd(end);
      };
      // Scrolling up means "let me read": stop following at once, before the next token
      // (whose growth would pin the view again before the scroll event is handled).
      const onWheel = (event: WheelEvent) => {
        if (event.deltaY < 0) following.current = false;
      };
      const onKey = (event: KeyboardEvent) => {
        const inField = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement;
        if (!inField && ['ArrowUp', 'PageUp', 'Home'].includes(event.key)) following.current = false;
      };
      el.addEventListener('scroll', onScroll, { passive: true });
      el.addEventListener('wheel', onWheel, { passive: true });
      el.addEventListener('keydown', onKey);
      // The viewport shrinking (a phone keyboard opening) keeps the end in view too.
      const unfollow = follow(el);
      return () => {
        el.removeEventListener('scroll', onScroll);
        el.removeEventListener('wheel', onWheel);
        el.removeEventListener('keydown', onKey);
        unfollow();
        scroller.current = null;
      };
    },
    [follow],
  );

  /** The ref of the content that grows inside the container. */
  const contentRef = useCallback((el: HTMLElement | null) => (el ? follow(el) : undefined), [follow]);

  /** Stops following the end (to show an earlier message); "jump to latest" follows again. */
  const stopFollowing = useCallback(() => {
    following.current = false;
    setAtEnd(false);
  }, []);

  const jumpToLatest = useCallback(() => {
    following.current = true;
    setAtEnd(true);
    pin();
  }, [pin]);

  return { scroller, scrollerRef, contentRef, atEnd, jumpToLatest, stopFollowing };
}
