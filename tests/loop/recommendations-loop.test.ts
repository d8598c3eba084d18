import { describe, expect, it } from "vitest";
import { appDb, merchant, SHOTS, withLoop, type Loop } from "./harness";

/*
 * `npm run demo`'s recommendations (issue 18): the seed counted 300 past
 * orders with planted pairs, so the page explains real recommendations; the
 * Backfill runs a bulk operation against the demo's fake Admin API, whose
 * export holds all 400 orders, and adds only the 100 not counted before.
 */

let loop: Loop;
withLoop((started) => (loop = started));

describe("recommendations in the demo", () => {
  it("the seeded orders give explained recommendations, and the backfill adds only the orders not counted yet", async () => {
    const page = await merchant(loop, "/app/recommendations", (p) =>
      p.getByRole("heading", { name: "Recommendations" }),
    );
    const phone = page.locator('[data-testid="trigger"]', {
      has: page.getByRole("heading", { name: "Phone X 128 GB" }),
    });
    await phone.getByTestId("recommendation").first().waitFor();
    expect(await phone.getByTestId("recommendation").first().innerText()).toMatch(
      /Phone X Case\s+Bought together in \d+ of \d+ orders; \d+\.\d× more often than chance/,
    );
    await page.getByText("300 orders counted.").waitFor();
    await page.screenshot({ path: `${SHOTS}/recommendations-demo.png`, fullPage: true });

    await page.getByRole("button", { name: "Backfill past orders" }).click();
    await page.getByText("Backfill started").waitFor();
    // Shopify's export finishes between two looks at the page: each reload polls it once.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByText("The last backfill added").count();
        },
        { timeout: 60_000 },
      )
      .toBe(1);
    await page.getByText("The last backfill added 100 orders not counted before.").waitFor();
    await page.getByText("400 orders counted.").waitFor();
    const db = await appDb(loop);
    expect(await db.recommendationOrder.count()).toBe(400);
    await page.close();
  }, 240_000);
});
