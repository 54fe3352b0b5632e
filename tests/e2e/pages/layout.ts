// Layout checks for a screen as it is drawn: what a person would see as broken at a given
// width, whatever the screen: the page scrolling sideways, a control cut off at the edge,
// or a control on screen but covered by something else.
import type { Page } from 'playwright-core';

/** Layout faults on the page as it is now, each described for a person; none is good. */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth > width) problems.push(`the page scrolls sideways: ${pageWidth} px wide in ${width} px`);
    const describe = (el: Element) => {
      const label =
        el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent;
      return `${el.tagName.toLowerCase()} "${(label ?? '').trim().slice(0, 40)}"`;
    };
    // A part of the page that scrolls sideways is as bad as the page doing so (code blocks
    // and wide tables in replies are meant to, and these checks are not run on replies).
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (!/auto|scroll/.test(getComputedStyle(el).overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
      problems.push(`${describe(el)} scrolls sideways: ${el.scrollWidth} px wide in ${el.clientWidth} px`);
    }
    /** Inside a box that scrolls, and scrolled out of it: the person scrolls to it. */
    const scrolledAway = (el: Element, box: DOMRect) => {
      for (let up = el.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (!/auto|scroll/.test(style.overflowX + style.overflowY)) continue;
        const view = up.getBoundingClientRect();
        if (box.left < view.left || box.right > view.right || box.top < view.top || box.bottom > view.bottom)
          return true;
      }
      return false;
    };
    const controls = 'a[href], button, input, textarea, select, summary, [role="button"], [tabindex="0"], h1, h2';
    // With a modal dialog open, the page behind it is out of reach on purpose: check the dialog.
    const layer = document.querySelector('dialog:modal') ?? document;
    for (const el of layer.querySelectorAll<HTMLElement>(controls)) {
      // Inert (a closed drawer), hidden, or visually hidden for screen readers only.
      if (el.closest('[inert]') || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width < 2 || box.height < 2 || scrolledAway(el, box)) continue;
      if (box.left < -1 || box.right > width + 1) {
        problems.push(`${describe(el)} is cut off at the side (${Math.round(box.left)}–${Math.round(box.right)} px)`);
        continue;
      }
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (y < 0 || y > window.innerHeight) continue; // below the page's fold
      const top = document.elementFromPoint(x, y);
      // An open menu is drawn over the page on purpose.
      if (top && !el.contains(top) && !top.contains(el) && !top.closest('[role="menu"]'))
        problems.push(`${describe(el)} is covered by ${describe(top)}`);
    }
    return problems;
  });
}

/** Whether the page is drawn dark: its background's relative luminance is under half. */
export function looksDark(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const [r = 0, g = 0, b = 0] = (getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
    const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b) < 0.5;
  });
}
