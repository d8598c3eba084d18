import type { Locator, Page } from "playwright-core";

/*
 * Browser waits tied to progress instead of to a guess about wall time. A busy CI
 * machine makes every step slower, but a page that is still loading keeps showing
 * it: a request in flight (the server still working on it), a response arriving,
 * the DOM changing. A wait fails only when nothing has moved for `stallMs`, or
 * after `capMs` in all, and says what the page was doing.
 */

export interface ProgressOptions {
  /** Fail after this long with no request in flight, none finished and the DOM unchanged. */
  stallMs?: number;
  /** Fail after this long in all, progress or not. */
  capMs?: number;
}

const STEP_MS = 1_000;

interface Tracker {
  inFlight: number;
  lastProgress: number;
}

const trackers = new WeakMap<Page, Tracker>();

/**
 * Counts `page`'s requests in flight for the rest of its life. Call it before the page
 * navigates (AdminBrowser does, for every page of its context): a request that started
 * before tracking is invisible, and a wait would take the server's work for a stall.
 */
export function trackProgress(page: Page): Tracker {
  const known = trackers.get(page);
  if (known) return known;
  const tracker: Tracker = { inFlight: 0, lastProgress: Date.now() };
  const moved = () => (tracker.lastProgress = Date.now());
  page.on("request", () => {
    tracker.inFlight++;
    moved();
  });
  const done = () => {
    tracker.inFlight = Math.max(0, tracker.inFlight - 1);
    moved();
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  page.on("response", moved);
  page.on("framenavigated", moved);
  trackers.set(page, tracker);
  return tracker;
}

/**
 * Retries `attempt(stepMs)` (a Playwright wait with that timeout) until it succeeds,
 * for as long as `page` makes progress.
 */
export async function whileProgressing(page: Page, what: string, attempt: (stepMs: number) => Promise<unknown>, opts: ProgressOptions = {}): Promise<void> {
  const stallMs = opts.stallMs ?? 30_000;
  const capMs = opts.capMs ?? 300_000;
  const started = Date.now();
  const tracker = trackProgress(page);
  // Time before this wait began is not a stall of this wait.
  tracker.lastProgress = Math.max(tracker.lastProgress, started);
  let domSize = -1;
  for (;;) {
    const error = await attempt(STEP_MS).then(
      () => null,
      (e: unknown) => e,
    );
    if (!error) return;
    if (!(error instanceof Error) || error.name !== "TimeoutError") throw error;
    const size = await page.evaluate(() => document.documentElement?.outerHTML.length ?? 0).catch(() => domSize);
    if (size !== domSize) {
      domSize = size;
      tracker.lastProgress = Date.now();
    }
    const now = Date.now();
    const stalled = tracker.inFlight === 0 && now - tracker.lastProgress > stallMs;
    if (stalled || now - started > capMs) {
      const text = await page.evaluate(() => document.body?.innerText.slice(0, 500) ?? "").catch(() => "(page unavailable)");
      throw new Error(
        `${what}: ${stalled ? `no progress for ${stallMs / 1000} s` : `not done after ${capMs / 1000} s`} ` +
          `(${tracker.inFlight} requests in flight, ${((now - started) / 1000).toFixed(1)} s in all). The page showed: ${JSON.stringify(text)}`,
        { cause: error },
      );
    }
  }
}

/** Waits until `text` is visible on `page`, for as long as the page makes progress. */
export const waitForText = (page: Page, text: string, opts?: ProgressOptions) =>
  whileProgressing(page, `waiting for "${text}"`, (timeout) => page.getByText(text).first().waitFor({ state: "visible", timeout }), opts);

/** Waits until `locator` (on `page` or one of its frames) is visible, for as long as the page makes progress. */
export const waitForVisible = (page: Page, locator: Locator, opts?: ProgressOptions) =>
  whileProgressing(page, `waiting for ${String(locator)}`, (timeout) => locator.waitFor({ state: "visible", timeout }), opts);
