import type { Page } from "playwright-core";

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

/**
 * Retries `attempt(stepMs)` (a Playwright wait with that timeout) until it succeeds,
 * for as long as `page` makes progress.
 */
export async function whileProgressing(page: Page, what: string, attempt: (stepMs: number) => Promise<unknown>, opts: ProgressOptions = {}): Promise<void> {
  const stallMs = opts.stallMs ?? 30_000;
  const capMs = opts.capMs ?? 300_000;
  const started = Date.now();
  let lastProgress = started;
  let inFlight = 0;
  const onRequest = () => {
    inFlight++;
    lastProgress = Date.now();
  };
  const onDone = () => {
    inFlight = Math.max(0, inFlight - 1);
    lastProgress = Date.now();
  };
  const onEvent = () => (lastProgress = Date.now());
  page.on("request", onRequest);
  page.on("requestfinished", onDone);
  page.on("requestfailed", onDone);
  page.on("response", onEvent);
  page.on("framenavigated", onEvent);
  let domSize = -1;
  try {
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
        lastProgress = Date.now();
      }
      const now = Date.now();
      const stalled = inFlight === 0 && now - lastProgress > stallMs;
      if (stalled || now - started > capMs) {
        const text = await page.evaluate(() => document.body?.innerText.slice(0, 500) ?? "").catch(() => "(page unavailable)");
        throw new Error(
          `${what}: ${stalled ? `no progress for ${stallMs / 1000} s` : `not done after ${capMs / 1000} s`} ` +
            `(${inFlight} requests in flight, ${((now - started) / 1000).toFixed(1)} s in all). The page showed: ${JSON.stringify(text)}`,
          { cause: error },
        );
      }
    }
  } finally {
    page.off("request", onRequest);
    page.off("requestfinished", onDone);
    page.off("requestfailed", onDone);
    page.off("response", onEvent);
    page.off("framenavigated", onEvent);
  }
}

/** Waits until `text` is visible on `page`, for as long as the page makes progress. */
export const waitForText = (page: Page, text: string, opts?: ProgressOptions) =>
  whileProgressing(page, `waiting for "${text}"`, (timeout) => page.getByText(text).first().waitFor({ state: "visible", timeout }), opts);
