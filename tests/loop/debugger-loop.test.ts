import { describe, expect, it } from "vitest";
import { addToCart, merchant, popup, SHOTS, shopper, withLoop, type Loop } from "./harness";

/*
 * Issue 19's "done when" for the session debugger (decision record 0090), on
 * the whole demo: the merchant creates the link on Home, the simulated
 * storefront's app proxy asks the demo app, the panel explains the seeded
 * offers; a link not signed by the app opens nothing.
 */

let loop: Loop;
withLoop((started) => (loop = started));

const debugAsked = () => loop.demo.storefront.state.requests.filter((r) => r.includes("/apps/tactful/debug") || r.includes("tactful-debug.js"));

describe("the session debugger on the demo", () => {
  it("works through the link Home creates, and refuses a forged one", async () => {
    const admin = await merchant(loop, "/app", (page) => page.getByRole("button", { name: "Create debug link" }));
    await admin.getByRole("button", { name: "Create debug link" }).click();
    const field = admin.getByLabel("Debug link");
    await field.waitFor();
    const link = new URL(await field.inputValue());
    expect(link.origin).toBe(loop.demo.storefront.url);
    await admin.close();

    const page = await shopper(loop, `/products/phone-x?theme=standard&tactful_debug=${link.searchParams.get("tactful_debug")}`);
    await addToCart(page);
    await popup(page).waitFor({ timeout: 15_000 });
    const row = (offer: string) => page.locator(`#tactful-debug section[data-moment=ADD_TO_CART] li`, { hasText: offer });
    await expect.poll(() => row("Double the storage").getAttribute("data-verdict"), { timeout: 15_000 }).toMatch(/shows|hidden/);
    // Every seeded offer is listed at every moment, each with a verdict.
    expect(await page.locator("#tactful-debug section[data-moment=ADD_TO_CART] li").count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: `${SHOTS}/debugger-demo.png` });
    await page.close();

    const forged = `${Math.floor(Date.now() / 1000) + 600}.AAAAAAAAAAAAAAAAAAAAAAAA.${"A".repeat(43)}`;
    const before = debugAsked().length;
    const refused = await shopper(loop, `/products/phone-x?theme=standard&tactful_debug=${forged}`);
    await expect.poll(() => debugAsked().length).toBe(before + 1);
    const status = await refused.evaluate((t) => fetch(`/apps/tactful/debug?token=${t}`).then((r) => r.status), forged);
    expect(status).toBe(403);
    expect(await refused.locator("#tactful-debug").count()).toBe(0);
    expect(debugAsked().slice(before).filter((r) => r.includes("tactful-debug.js"))).toEqual([]);
    await refused.close();
  }, 240_000);
});
