import { afterAll, beforeAll, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, FakeAdminApi, useFakeAdmin } from "../admin/fake-admin-api";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import db from "../../app/platform/db.server";
import { addDays, utcDay } from "../../app/analytics/day";
import { rollupRange } from "../../app/analytics/rollup.server";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { startAdminBrowser, type AdminBrowser } from "../admin/admin-browser";
import type { ClientDeps } from "../admin/admin-server";
import { waitForText, whileProgressing } from "../helpers/progress";
import { definition, seedEvents, seedExperimentOrders, seedOffer } from "./seed";

/*
 * The analytics pages in Chromium with the real app (Vite middleware, Polaris,
 * Polaris Viz) on seeded data: figures, charts and the A/B table must render,
 * at desktop and phone widths and right-to-left. Screenshots land in
 * test-results/analytics/.
 */

const SHOTS = path.resolve("test-results", "analytics");

let admin: AdminBrowser;
let context: BrowserContext;
let depsAtStart: ClientDeps;

beforeAll(async () => {
  useFakeAdmin(new FakeAdminApi());
  await installShop();
  const today = utcDay(Date.now());
  await seedOffer(
    definition({
      holdoutBps: 1000,
      abVariants: [
        { id: "a", name: "Control", weight: 50 },
        { id: "b", name: "10% off", weight: 50, discount: { kind: "PERCENT", bps: 1000 } },
      ],
    }),
  );
  for (let d = 0; d < 7; d++) {
    const day = addDays(today, -d);
    await seedEvents(120 + d * 10, { arm: "a", variant: "a", day });
    await seedEvents(130 + d * 12, { arm: "b", variant: "b", day });
    await seedEvents(30, { arm: "holdout", day });
    await seedEvents(20 + d, { type: "CLICK", arm: "b", variant: "b", day });
    await seedEvents(12 + d, { type: "ACCEPT", arm: "b", variant: "b", day });
    await seedEvents(6, { type: "ACCEPT", arm: "a", variant: "a", day });
    await seedExperimentOrders(4, { arm: "control", revenue: 5400, day });
    await seedExperimentOrders(8, { arm: "b", revenue: 6200, day });
    await seedExperimentOrders(1, { arm: "holdout", revenue: 5000, day });
    await db.conversion.create({
      data: { shop: TEST_SHOP, orderId: `o${d}`, lineId: "1", offerId: "offer-1", variant: "b", quantity: 2, revenue: 1620, currency: "EUR", presentmentRevenue: 1782, presentmentCurrency: "USD", orderedAt: new Date(`${day}T12:00:00Z`), day },
    });
  }
  // The nightly job's work for the past week (yesterday and today are also rolled up on read).
  await rollupRange(db, TEST_SHOP, addDays(today, -6), today);
  admin = await startAdminBrowser(SHOTS);
  context = admin.context;
  depsAtStart = admin.clientDeps();
}, 600_000);

afterAll(async () => {
  await admin?.close();
  adminServer.close();
});

const open = (page: Page, appPath: string) => admin.open(page, appPath);

describe("analytics pages in a browser", () => {
  it("show figures, the per-offer table, the funnel and series charts and the A/B table at 1280 and 375 px, and right-to-left at 390 px", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    // Vite's dev client cannot open its HMR socket here (hmr is off); that is not the page's error.
    page.on("pageerror", (e) => !/WebSocket/.test(e.message) && errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && console.log("BROWSER", m.text()));
    page.on("response", (r) => r.status() >= 400 && console.log("HTTP", r.status(), r.url().slice(0, 120)));
    const chartLabels = () => page.locator("svg text").allTextContents();
    for (const [width, dir] of [
      [1280, "ltr"],
      [375, "ltr"],
      [390, "rtl"],
    ] as const) {
      await page.setViewportSize({ width, height: width < 500 ? 812 : 900 });
      await open(page, "/app/analytics?period=7");
      await page.evaluate((d) => document.documentElement.setAttribute("dir", d), dir);
      await waitForText(page, "Incremental revenue");
      await expect.poll(() => page.getByRole("link", { name: "Socks" }).count()).toBe(1);
      // Offer names are not broken one word per line on a phone: each link's text sits on as few lines as it needs.
      for (const link of await page.locator("table a").all()) {
        const lines = await link.evaluate((a) => a.getClientRects().length);
        const words = ((await link.textContent()) ?? "").trim().split(/\s+/).length;
        expect(words === 1 || lines < words).toBe(true);
      }
      // The page is no wider than the screen, either way round (Polaris' Layout pushed it 16 px past the edge right to left).
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow(), `analytics at ${width} px, ${dir}`).toBeLessThanOrEqual(0);
      await admin.shot(page, `analytics-${dir}-${width}.png`);

      await open(page, "/app/analytics/offer-1?period=7");
      await page.evaluate((d) => document.documentElement.setAttribute("dir", d), dir);
      await waitForText(page, "A/B test and holdout").catch(async (e) => {
        await admin.shot(page, `debug-offer-${width}.png`);
        throw e;
      });
      // Polaris Viz draws SVG once mounted in the browser; its labels come with the drawing.
      await whileProgressing(page, "waiting for the charts", (timeout) => page.locator("svg").nth(2).waitFor({ state: "attached", timeout }));
      await page.getByText("10% off").waitFor();
      await page.getByText("Holdout (saw nothing)").waitFor();
      await expect
        .poll(async () => {
          const drawn = await chartLabels();
          return ["Shown", "Clicked", "Taken", "Paid"].filter((step) => !drawn.includes(step));
        })
        .toEqual([]);
      // Whole counts on the axes (no "0.5"), and the funnel's labels whole, not "Impres…".
      const labels = await chartLabels();
      expect(labels.filter((t) => /^\d+[.,]\d+$/.test(t.trim()))).toEqual([]);
      expect(labels.filter((t) => /^\d+$/.test(t.trim())).length).toBeGreaterThan(2);
      expect(labels.join("|")).not.toContain("…");
      expect(await overflow(), `an offer's analytics at ${width} px, ${dir}`).toBeLessThanOrEqual(0);
      await admin.shot(page, `offer-${dir}-${width}.png`);
      // The A/B table's group names are not broken one word per line either.
      for (const name of ["Holdout (saw nothing)", "10% off"]) {
        const cell = page.locator("table tbody tr").filter({ hasText: name }).first().locator("th, td").first();
        // Lines of drawn text: the tops of the text's boxes, those within a few pixels counted as one line.
        const lines = await cell.evaluate((el) => {
          const tops: number[] = [];
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent?.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
          }
          tops.sort((a, b) => a - b);
          return tops.filter((top, i) => i === 0 || top - (tops[i - 1] ?? top) > 4).length;
        });
        expect(lines, `${name} at ${width} px`).toBeLessThan(name.split(" ").length);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 900_000);

  // Issue 13, item 8: the first document request made Vite "discover" server-only packages
  // (Prisma, @remix-run/node) while Remix collected CSS, re-bundle every client dependency
  // and so force the pages already open to reload, in the middle of this test on a busy machine.
  it("the dev server bundled no server-only package for the browser and never re-bundled mid-session", () => {
    const now = admin.clientDeps();
    expect(now.bundled.filter((dep) => /prisma|^pg$|@remix-run\/node|shopify-app-remix\/adapters|session-storage/.test(dep))).toEqual([]);
    expect(now).toEqual(depsAtStart);
  });

  it("shows the empty state when a shop has no data yet", async () => {
    await db.analyticsEvent.deleteMany();
    await db.dailyStat.deleteMany();
    await db.conversion.deleteMany();
    await db.experimentOrder.deleteMany();
    const page = await context.newPage();
    await open(page, "/app/analytics");
    await waitForText(page, "No analytics yet");
    await admin.shot(page, "analytics-empty-1280.png");
    await page.close();
  }, 600_000);
});
