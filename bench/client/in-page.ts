// Measurements that run inside the page (passed to page.evaluate, so each is self-contained).

export interface OpenTiming {
  /** From the click to the frame after the latest message shows with its markdown. */
  total: number;
  /** From the click until the thread doc is in memory (read from the device, or synced). */
  docReady: number;
}

/**
 * Clicks the sidebar link of `threadId` and times the open: until the frame after the
 * thread's last message (number `count`) is in the DOM with its markdown rendered.
 */
export function openAndTime({ threadId, count }: { threadId: string; count: number }): Promise<OpenTiming> {
  const selector = `li[aria-posinset="${count}"] .markdown`;
  const mark = 'hearth:thread-doc-ready';
  return new Promise((resolve, reject) => {
    const link = document.querySelector<HTMLAnchorElement>(`a[href="/t/${threadId}"]`);
    if (!link) return reject(new Error('no link to the thread in the sidebar'));
    performance.clearMarks(mark);
    const start = performance.now();
    // The thread may paint (from the views) before its doc is ready: wait for both.
    const done = () => {
      const total = performance.now() - start;
      const finish = () => {
        const ready = performance.getEntriesByName(mark).at(-1);
        if (!ready) return false;
        resolve({ total, docReady: ready.startTime - start });
        return true;
      };
      if (finish()) return;
      const marks = new PerformanceObserver(() => finish() && marks.disconnect());
      marks.observe({ type: 'mark' });
    };
    // After the frame that shows it: a task queued from requestAnimationFrame runs once
    // that frame's style, layout and paint are done.
    const afterFrame = () =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = done;
        channel.port2.postMessage(null);
      });
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      afterFrame();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    link.click();
  });
}

declare global {
  interface Window {
    __keystrokes?: number[];
    __slowEvents?: { name: string; duration: number }[];
    __recording?: boolean;
  }
}

/**
 * Records, for every key pressed from now on, the milliseconds from the key event to the end
 * of the next frame (which shows the typed character), and any event the browser's Event
 * Timing API reports at 16 ms or more.
 */
export function recordKeystrokes(): void {
  window.__keystrokes = [];
  window.__slowEvents = [];
  if (window.__recording) return; // listening already: the lists above start afresh
  window.__recording = true;
  document.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__keystrokes?.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    },
    true,
  );
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__slowEvents?.push({ name: entry.name, duration: entry.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
}

export function readKeystrokes(): { times: number[]; slow: { name: string; duration: number }[] } {
  return { times: window.__keystrokes ?? [], slow: window.__slowEvents ?? [] };
}

export interface ScrollTiming {
  /** Animation frames measured. */
  frames: number;
  /** Milliseconds between consecutive frames while scrolling. */
  intervals: number[];
  /** Milliseconds the page spent handling each scroll (the list re-rendering its rows). */
  work: number[];
}

/**
 * Scrolls the sidebar's chat list once per animation frame, 150 px at a time ("flick") or
 * to random places ("jump"), for up to 240 frames, and records the frame intervals and the
 * time spent handling each scroll event, which a busy machine disturbs less than intervals.
 */
export async function scrollAndTime(mode: 'flick' | 'jump'): Promise<ScrollTiming> {
  const el = document.querySelector<HTMLElement>('.thread-scroll');
  if (!el) throw new Error('no chat list to scroll');
  el.scrollTop = 0;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const max = el.scrollHeight - el.clientHeight;
  const intervals: number[] = [];
  const work: number[] = [];
  // Capturing at the window runs before the list's own scroll listener; this one, added
  // last to the element, runs after it (and after the render it triggers).
  let began = 0;
  const before = () => {
    began = performance.now();
  };
  const after = () => work.push(performance.now() - began);
  window.addEventListener('scroll', before, true);
  el.addEventListener('scroll', after);
  await new Promise<void>((resolve) => {
    let last = 0;
    const step = (time: number) => {
      if (last) intervals.push(time - last);
      last = time;
      el.scrollTop = mode === 'flick' ? el.scrollTop + 150 : Math.random() * max;
      if (intervals.length >= 240 || el.scrollTop >= max) resolve();
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  window.removeEventListener('scroll', before, true);
  el.removeEventListener('scroll', after);
  return { frames: intervals.length, intervals, work };
}
