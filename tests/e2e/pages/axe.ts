// axe-core in the page, for accessibility checks. It is evaluated through the DevTools
// protocol rather than added as a <script>: the app's Content-Security-Policy refuses
// inline scripts, and the CSP check would rightly fail the test on one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RANK = { critical: 0, serious: 1, moderate: 2, minor: 3 } as const;

/** axe's findings on the page as it is now, worst first. */
export async function axeFindings(page: Page): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => {
    const axe = (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe;
    return axe.run();
  });
  return results.violations.sort((a, b) => RANK[a.impact ?? 'minor'] - RANK[b.impact ?? 'minor']);
}

export const isSerious = (finding: Result) => finding.impact === 'serious' || finding.impact === 'critical';

/** The serious and critical findings, one line each: the rule and the elements it found. */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  return (await axeFindings(page))
    .filter(isSerious)
    .map((finding) => `${finding.id}: ${JSON.stringify(finding.nodes.map((node) => node.target))}`);
}
