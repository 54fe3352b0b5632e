// `npm run bench:sidebar`: the sidebar's chat list in Chromium (playwright-core) with 10,000
// chats, against the real server, on a new device (nothing in IndexedDB yet):
//  - from navigation start to the first chat drawn;
//  - scrolling 150 px a frame while the device catches up in the background;
//  - then offline (which stops the catch-up, so the figures are the list's own), scrolling
//    150 px a frame and jumping to random places, RUNS times each (default 3).
// For each: frame intervals (16.7 ms is 60 fps) and the time spent handling each scroll
// event (the list re-rendering its rows). Prints medians and p95s as JSON.
import { availableParallelism, loadavg } from 'node:os';
import { ApiClient } from '../../tests/support/api-client';
import { launchBrowser } from '../../tests/support/browser';
import { type Hearth, startHearth } from '../../tests/support/hearth';
import { storeManyChats } from './chat-list-fixture';
import { type ScrollTiming, scrollAndTime } from './in-page';
import { openSignedInPage } from './signed-in-page';

const CHATS = 10_000;
const RUNS = Number(process.env.RUNS ?? 3);

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;
const summary = (values: number[]) => ({
  median: round(quantile(values, 0.5)),
  p95: round(quantile(values, 0.95)),
  max: round(Math.max(...values)),
});
/** Several scroll runs pooled into one summary of frame intervals and scroll handling. */
const scrolling = (runs: ScrollTiming[]) => ({
  runs: runs.length,
  frames: runs.reduce((sum, run) => sum + run.frames, 0),
  frameIntervalMs: summary(runs.flatMap((run) => run.intervals)),
  scrollHandlingMs: summary(runs.flatMap((run) => run.work)),
});

async function main(): Promise<void> {
  let hearth: Hearth | undefined;
  const browser = await launchBrowser();
  try {
    hearth = await startHearth();
    const api = new ApiClient(hearth.url);
    const user = await api.signup();
    await storeManyChats(api, user.id, CHATS);

    const { context, page } = await openSignedInPage(browser, hearth.url, api);

    await page.goto('/');
    const firstDrawn = await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.thread-title')].some((el) => el.textContent === 'Chat number 0') &&
        performance.now(),
      undefined,
      { timeout: 120_000 },
    );
    const listedMs = (await firstDrawn.jsonValue()) as number;
    const rowsInDom = await page.locator('.thread-list li').count();

    const duringCatchUp = await page.evaluate(scrollAndTime, 'flick' as const);
    await context.setOffline(true);
    await page.waitForSelector('[data-testid="sync-status"][data-kind="offline"]');
    await page.waitForTimeout(500); // the catch-up's last work drains
    const flick: ScrollTiming[] = [];
    const jump: ScrollTiming[] = [];
    for (let run = 0; run < RUNS; run++) {
      flick.push(await page.evaluate(scrollAndTime, 'flick' as const));
      jump.push(await page.evaluate(scrollAndTime, 'jump' as const));
    }

    console.log(
      JSON.stringify(
        {
          // Timings scale with how busy the machine is: compare runs at a similar load.
          machine: { cores: availableParallelism(), loadAverage1m: round(loadavg()[0]!) },
          chats: CHATS,
          firstChatDrawnMs: round(listedMs),
          rowsInDom,
          scrollDuringCatchUp: scrolling([duringCatchUp]),
          scrollOffline: scrolling(flick),
          jumpOffline: scrolling(jump),
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
