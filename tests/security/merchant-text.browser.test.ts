import { afterAll, beforeAll, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, FakeAdminApi, useFakeAdmin } from "../admin/fake-admin-api";
import path from "node:path";
import { openStep } from "../helpers/offer-editor";
import type { BrowserContext, Page } from "playwright-core";
import db from "../../app/platform/db.server";
import { utcDay } from "../../app/analytics/day";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { answerPicker, pick, startAdminBrowser, type AdminBrowser } from "../admin/admin-browser";
import { JACKET, SNEAKERS, SOCKS} from "../admin/fixtures";
import { seedEvents } from "../analytics/seed";
import { waitForVisible, whileProgressing } from "../helpers/progress";

/*
 * "Merchant-entered text is inert in the preview and the admin." A merchant
 * (or whoever holds their session) types markup, a script-closing tag and
 * template syntax into an offer's name, headline and body. The offer is
 * created through the real editor, then shown in the Offers list, the editor,
 * its live preview (the storefront script in a sandboxed srcdoc iframe,
 * docs/decisions/0043) and the analytics pages. Everywhere the text must read
 * literally and none of the payloads may run: window.__pwned stays unset in
 * the page and in every frame. Same harness as tests/admin/editor.browser.test.ts.
 */

const SHOTS = path.resolve("test-results", "security");

// Each payload would run if any surface inserted the text as HTML (checked by the control test below).
const NAME = "<img src=x onerror=window.__pwned=1> Socks {{ shop.name }} ${7*7}";
const HEADLINE = "</script><script>window.__pwned=1</script> Keep dry {{ 7 | times: 7 }}";
const BODY = "<svg onload=window.__pwned=1></svg><img src=x onerror=window.__pwned=1> ${alert(1)} {% raw %}{{ x }}";

let admin: AdminBrowser;
let context: BrowserContext;
const api = new FakeAdminApi();

beforeAll(async () => {
  for (const p of [SNEAKERS, SOCKS, JACKET]) api.products.set(p.id, p);
  useFakeAdmin(api);
  await installShop();
  admin = await startAdminBrowser(SHOTS);
  context = admin.context;
}, 180_000);

afterAll(async () => {
  await admin?.close();
  adminServer.close();
});

const open = (page: Page, appPath: string) => admin.open(page, appPath);

/** window.__pwned in the page and in every frame (the preview's sandboxed iframe included). */
async function pwned(page: Page): Promise<string[]> {
  const hits: string[] = [];
  for (const frame of page.frames()) {
    const value = await frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined);
    if (value !== undefined) hits.push(`${frame === page.mainFrame() ? "page" : `frame ${frame.url().slice(0, 40)}`}: ${String(value)}`);
  }
  return hits;
}

/** Markup the payloads would have created had they been parsed as HTML. */
const injectedElements = (page: Page) =>
  Promise.all(page.frames().map((f) => f.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload]').length).catch(() => 0))).then((n) => n.reduce((a, b) => a + b, 0));

const saveBarSave = (page: Page) => page.locator("ui-save-bar[data-open] button[variant=primary]");

describe("merchant text is inert in the admin and the preview", () => {
  it("control: the payloads do run when inserted as HTML, so their silence below means something", async () => {
    const page = await context.newPage();
    await page.setContent("<div id=x></div>");
    await page.evaluate((html) => {
      const x = document.getElementById("x");
      if (x) x.innerHTML = html;
    }, `${NAME}${BODY}`);
    await expect.poll(() => pwned(page)).toEqual(["page: 1"]);
    await page.close();
  });

  it("created through the editor, shown literally in the Offers list, the editor, the live preview and analytics; nothing runs", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => !/WebSocket/.test(e.message) && errors.push(e.message));
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    // The editor: the hostile text goes in through the real form and action.
    await open(page, "/app/offers/new");
    await waitForVisible(page, page.getByRole("heading", { name: "Create offer" }));
    await answerPicker(page, [pick(SOCKS)]);
    await openStep(page, "What");
    await page.getByRole("button", { name: "Add products" }).click();
    await page.getByText("Merino socks").waitFor();
    await page.getByLabel("Name").fill(NAME);
    await openStep(page, "Say");
    await page.getByLabel("Headline").fill(HEADLINE);
    await page.getByLabel("Body").fill(BODY);
    await saveBarSave(page).click();
    await whileProgressing(page, "waiting for the saved offer's URL", (timeout) => page.waitForURL(/\/app\/offers\/(?!new)[a-z0-9]+/, { timeout }));
    const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    // Stored exactly as typed: inertness comes from rendering, not from mangling the merchant's text.
    expect(row.name).toBe(NAME);
    expect(JSON.stringify(row.definition)).toContain(JSON.stringify(HEADLINE).slice(1, -1));

    // The editor, opened afresh on the stored offer: its title is the name, the fields hold the text as values.
    await open(page, `/app/offers/${row.id}`);
    await waitForVisible(page, page.getByRole("heading", { name: NAME, exact: true }));
    expect(await page.getByLabel("Name").inputValue()).toBe(NAME);
    await openStep(page, "Say");
    expect(await page.getByLabel("Headline").inputValue()).toBe(HEADLINE);
    expect(await page.getByLabel("Body").inputValue()).toBe(BODY);

    // The live preview: the storefront script renders the popup in the sandboxed frame.
    await answerPicker(page, [pick(SNEAKERS)]);
    await page.getByRole("button", { name: "Add to sample cart" }).click();
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await waitForVisible(page, frame.getByText(HEADLINE, { exact: false }).first());
    await frame.getByText("<svg onload=window.__pwned=1></svg>", { exact: false }).first().waitFor();
    expect(await page.locator('[data-testid="preview-frame"]').getAttribute("sandbox")).toBe("allow-scripts");
    await page.waitForTimeout(500);
    expect(await injectedElements(page)).toBe(0);
    expect(await pwned(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "editor-preview-hostile-1280.png"), fullPage: true });

    // The Offers list.
    await open(page, "/app/offers");
    await waitForVisible(page, page.getByText(NAME, { exact: true }).first());
    await page.waitForTimeout(500);
    expect(await injectedElements(page)).toBe(0);
    expect(await pwned(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "offers-hostile-1280.png"), fullPage: true });

    // Analytics: the offer's name in the per-offer table and on its own page.
    await seedEvents(40, { offerId: row.id, day: utcDay(Date.now()) });
    await seedEvents(5, { type: "ACCEPT", offerId: row.id, day: utcDay(Date.now()) });
    await open(page, "/app/analytics?period=7");
    await waitForVisible(page, page.getByText("Incremental revenue").first());
    await waitForVisible(page, page.getByText(NAME, { exact: true }).first());
    await page.screenshot({ path: path.join(SHOTS, "analytics-hostile-1280.png"), fullPage: true });
    expect(await injectedElements(page)).toBe(0);
    expect(await pwned(page)).toEqual([]);
    await open(page, `/app/analytics/${row.id}?period=7`);
    await waitForVisible(page, page.getByText(NAME, { exact: false }).first());
    await page.waitForTimeout(500);
    expect(await injectedElements(page)).toBe(0);
    expect(await pwned(page)).toEqual([]);

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 360_000);
});
