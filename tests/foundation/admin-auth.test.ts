import { describe, expect, it } from "vitest";
import { APP_URL } from "@shopify/shopify-api/test-helpers";
import { loader } from "../../app/routes/app._index";
import { installShop, signedAdminRequest, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";

withCleanDatabase();

const args = (request: Request) => ({ request, params: {}, context: {} });

describe("admin authentication", () => {
  it("an admin loader answers a request with a valid session token", async () => {
    await installShop();
    const result = await loader(args(await signedAdminRequest("/app")));
    // Home also reports embed and sync state (tests/admin cover those); auth is what this checks.
    expect(result).toMatchObject({ shop: TEST_SHOP, offers: 0 });
  });

  it("an admin loader refuses a request without a session token", async () => {
    await installShop();
    const outcome = await loader(args(new Request(`${APP_URL}/app?shop=${TEST_SHOP}`))).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Response);
    const response = outcome as Response;
    // Shopify's library bounces the browser to get a fresh token (302) rather than serving data.
    expect([302, 401]).toContain(response.status);
  });

  it("an admin loader refuses a session token signed with another secret", async () => {
    await installShop();
    const valid = await signedAdminRequest("/app");
    const url = new URL(valid.url);
    const token = url.searchParams.get("id_token") ?? "";
    const [header, body] = token.split(".");
    url.searchParams.set("id_token", `${header}.${body}.forged-signature`);
    const outcome = await loader(args(new Request(url))).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBeGreaterThanOrEqual(300);
  });
});
