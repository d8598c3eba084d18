import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { launch } from "./chromium";
import { trackProgress, waitForText } from "./progress";

/*
 * The progress-tied wait (decision 0058): it outlasts any fixed step while the page
 * keeps moving (a slow response in flight, the DOM changing), and fails, saying so,
 * once nothing has moved for the stall time.
 */

let browser: { context: BrowserContext; close: () => Promise<void> };
let server: Server;
let origin = "";

beforeAll(async () => {
  browser = await launch();
  server = createServer((req, res) => {
    // A response that takes 4 s, like a server on a starved machine.
    if (req.url === "/slow") return void setTimeout(() => res.end("late"), 4_000);
    res.setHeader("content-type", "text/html");
    res.end(`<!doctype html><body><p>Loading</p><script>
      const mode = ${JSON.stringify(req.url)};
      if (mode === "/ticking") { let n = 0; const t = setInterval(() => { document.querySelector("p").textContent = "tick " + (++n); if (n === 5) { clearInterval(t); document.body.insertAdjacentHTML("beforeend", "<h1>Done</h1>"); } }, 800); }
      if (mode === "/fetching") fetch("/slow").then((r) => r.text()).then(() => document.body.insertAdjacentHTML("beforeend", "<h1>Done</h1>"));
    </script></body>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe("waitForText", () => {
  it("waits past the stall time while the DOM keeps changing", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/ticking`);
    // 4 s of ticks against a 2.5 s stall: only the changes keep the wait alive.
    await waitForText(page, "Done", { stallMs: 2_500, capMs: 60_000 });
    await page.close();
  }, 90_000);

  it("waits past the stall time while a request is in flight", async () => {
    const page = await browser.context.newPage();
    trackProgress(page);
    await page.goto(`${origin}/fetching`);
    await waitForText(page, "Done", { stallMs: 2_000, capMs: 60_000 });
    await page.close();
  }, 90_000);

  it("fails once nothing has moved for the stall time, naming what the page showed", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/still`);
    const started = Date.now();
    const error = await waitForText(page, "Done", { stallMs: 2_000, capMs: 60_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/waiting for "Done": no progress for 2 s .*The page showed: "Loading"/);
    expect(Date.now() - started).toBeLessThan(30_000);
    await page.close();
  }, 90_000);
});
