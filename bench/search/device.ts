// `tsx bench/search/device.ts`: search on the device in Chromium (playwright-core), against
// the real server, with 20,000 messages over 1,000 chats (bench/search/device-fixture.ts)
// caught up by a new device. RUNS times (default 3), each on a page whose stored index was
// deleted, so the worker builds it from every message:
//  - build: from the worker's start to the index being ready, and what typing in the
//    search box costs the page meanwhile (key event to the next frame, and long tasks);
//  - keystroke to results painted: each key typed into the search box, from its event to
//    the frame after the results for the new text are shown, for 10 words typed a letter at
//    a time (a pause between keys, as a person types);
//  - reading the index back on the next reload (what opening the app costs instead);
//  - memory: the worker's JS heap after a garbage collection, and the stored index's size.
// Prints the median over the runs of each figure as JSON.
import { availableParallelism, loadavg } from 'node:os';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ApiClient } from '../../tests/support/api-client';
import { type Hearth, startHearth } from '../../tests/support/hearth';
import { storeSearchCorpus } from './device-fixture';

const THREADS = 1000;
const PER_THREAD = 20;
const RUNS = Number(process.env.RUNS ?? 3);
/** Between two keys: a brisk typist's pace. */
const KEY_GAP_MS = 120;

const round = (n: number) => Math.round(n * 10) / 10;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const median = (values: number[]) => round(quantile(values, 0.5));

interface ReadyMark {
  source: 'stored' | 'built';
  readyMs: number;
  size: number;
}

/** Waits for the worker's "ready" mark on this page load. */
const searchReady = (page: Page): Promise<ReadyMark> =>
  page.evaluate(
    () =>
      new Promise<ReadyMark>((resolve) => {
        const read = () => {
          const mark = performance.getEntriesByName('hearth:search-ready').at(-1) as PerformanceMark | undefined;
          if (mark) resolve(mark.detail as ReadyMark);
          return Boolean(mark);
        };
        if (read()) return;
        const observer = new PerformanceObserver(() => read() && observer.disconnect());
        observer.observe({ type: 'mark' });
      }),
  );

/** Forgets the stored index (as a new version of Hearth would), so the next load builds it. */
const forgetStoredIndex = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['searchIndex', 'meta'], 'readwrite');
          tx.objectStore('searchIndex').clear();
          const meta = tx.objectStore('meta');
          const all = meta.getAllKeys();
          all.onsuccess = () => {
            for (const key of all.result) if (String(key).startsWith('search:')) meta.delete(key);
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );

const messageRows = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('hearth');
        open.onsuccess = () => {
          if (!open.result.objectStoreNames.contains('messages')) return resolve(0);
          const count = open.result.transaction('messages').objectStore('messages').count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
        };
      }),
  );

const storedIndexBytes = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('hearth');
        open.onsuccess = () => {
          const all = open.result.transaction('searchIndex').objectStore('searchIndex').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve((all.result as { json: string }[]).reduce((sum, row) => sum + row.json.length, 0));
          };
        };
      }),
  );

declare global {
  interface Window {
    __searchTimes?: number[];
    __echoTimes?: number[];
    __longTasks?: number[];
    __recordingSearch?: boolean;
  }
}

/**
 * From now on, for each key typed into the search box: the time from the key event to the
 * frame after the results for the box's new text show (`__searchTimes`), and to the next
 * frame at all (`__echoTimes`, what typing feels like); and every long task (`__longTasks`).
 */
function recordSearchKeys(): void {
  window.__searchTimes = [];
  window.__echoTimes = [];
  window.__longTasks = [];
  if (window.__recordingSearch) return; // listening already: the lists above start afresh
  window.__recordingSearch = true;
  const afterFrame = (done: () => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = done;
      channel.port2.postMessage(null);
    });
  document.addEventListener(
    'keydown',
    (event) => {
      const input = event.target as HTMLInputElement;
      if (!input.matches?.('.search-input')) return;
      const start = event.timeStamp;
      afterFrame(() => window.__echoTimes?.push(performance.now() - start));
      // The text the key makes is known once the input event has run.
      setTimeout(() => {
        const wanted = input.value.trim();
        const shown = () => document.querySelector('.search-scroll')?.getAttribute('data-results-for') === wanted;
        const finish = () => afterFrame(() => window.__searchTimes?.push(performance.now() - start));
        if (shown()) return finish();
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          finish();
        });
        observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-results-for'] });
      });
    },
    true,
  );
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks?.push(entry.duration);
  }).observe({ type: 'longtask' });
}

async function typeWords(page: Page, words: string[]): Promise<void> {
  for (const word of words) {
    await page.locator('.search-input').fill('');
    for (const key of word) {
      await page.keyboard.press(key);
      await page.waitForTimeout(KEY_GAP_MS);
    }
  }
}

/**
 * The search worker's JS heap after a garbage collection, in MiB, through the DevTools
 * protocol (a worker has no performance.memory): attached to the worker's target, the
 * commands go through Target.sendMessageToTarget.
 */
async function workerHeapMiB(browser: Browser): Promise<number | null> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes('search.worker'));
    if (!target) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const answers = new Map<number, (result: unknown) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown };
      if (message.id !== undefined) answers.get(message.id)?.(message.result);
    });
    let id = 0;
    const call = (method: string) =>
      new Promise<unknown>((resolve) => {
        answers.set(++id, resolve);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = (await call('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.send('Target.detachFromTarget', { sessionId });
    return round(usedSize / 1024 / 1024);
  } finally {
    await cdp.detach();
  }
}

async function main(): Promise<void> {
  let hearth: Hearth | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    hearth = await startHearth();
    const api = new ApiClient(hearth.url);
    const user = await api.signup();
    const corpus = await storeSearchCorpus(api, user.id, THREADS, PER_THREAD);

    const context = await browser.newContext({ baseURL: hearth.url, viewport: { width: 1280, height: 800 } });
    const [name, value] = api.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: hearth.url }]);
    await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto('/');
    // The device catches up on every chat (the sidebar's background sync).
    const deadline = Date.now() + 600_000;
    while ((await messageRows(page)) < THREADS * PER_THREAD) {
      if (Date.now() > deadline) throw new Error('the device did not catch up in 10 minutes');
      await page.waitForTimeout(1000);
    }
    const rows = await messageRows(page);

    const runs: Record<string, number | null>[] = [];
    for (let run = 0; run < RUNS; run++) {
      // The build alone, as on opening the app after an update that changed the index.
      await forgetStoredIndex(page);
      await page.reload();
      await page.locator('.search-button').waitFor();
      const built = await searchReady(page);

      // Again, with search opened at once (which starts the worker) and typed into meanwhile.
      await forgetStoredIndex(page);
      await page.reload();
      await page.locator('.search-button').waitFor();
      await page.evaluate(recordSearchKeys);
      await page.keyboard.press('Control+k');
      await page.locator('.search-input').waitFor();
      const ready = searchReady(page);
      await typeWords(page, ['water', 'stone']);
      await ready;
      const during = await page.evaluate(() => ({ echo: window.__echoTimes!, longTasks: window.__longTasks! }));

      await page.evaluate(recordSearchKeys);
      await typeWords(page, corpus.queries);
      const typed = await page.evaluate(() => window.__searchTimes!);
      const heap = await workerHeapMiB(browser);
      const bytes = await storedIndexBytes(page);

      await page.reload();
      await page.locator('.search-button').waitFor();
      await page.keyboard.press('Control+k');
      const readBack = await searchReady(page);
      if (readBack.source !== 'stored') throw new Error('the index was built again on reload');

      runs.push({
        indexed: built.size,
        buildMs: round(built.readyMs),
        typingWhileBuildingP95Ms: round(quantile(during.echo, 0.95)),
        longestTaskWhileBuildingMs: during.longTasks.length ? round(Math.max(...during.longTasks)) : 0,
        keystrokes: typed.length,
        keystrokeToResultsP50Ms: round(quantile(typed, 0.5)),
        keystrokeToResultsP95Ms: round(quantile(typed, 0.95)),
        readBackMs: round(readBack.readyMs),
        workerHeapMiB: heap,
        storedIndexMiB: round(bytes / 1024 / 1024),
      });
      console.error(`run ${run + 1}: ${JSON.stringify(runs.at(-1))}`);
    }

    const medianOf = (key: string) => {
      const values = runs.map((r) => r[key]).filter((v): v is number => typeof v === 'number');
      return values.length ? median(values) : null;
    };
    console.log(
      JSON.stringify(
        {
          // Timings scale with how busy the machine is: compare runs at a similar load.
          machine: { cores: availableParallelism(), loadAverage1m: round(loadavg()[0]!) },
          chats: THREADS,
          messages: rows,
          runs: RUNS,
          medians: Object.fromEntries(Object.keys(runs[0] ?? {}).map((key) => [key, medianOf(key)])),
          targets: { keystrokeToResultsP95Ms: 50, buildMs: 2000 },
        },
        null,
        2,
      ),
    );
    await context.close();
  } finally {
    await browser.close();
    await hearth?.stop();
  }
}

await main();
