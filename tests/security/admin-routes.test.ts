import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP_URL } from "@shopify/shopify-api/test-helpers";
import { addDocumentResponseHeaders } from "../../app/shopify.server";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";

withCleanDatabase();

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
};

// Every file under app/routes whose URL is inside /app is an admin route.
const routesDir = path.resolve("app/routes");
const adminRoutes = readdirSync(routesDir).filter((f) => /^app[.](?!.*\.test\.)[^/]*\.tsx?$|^app\.tsx$/.test(f));

async function refusal(call: Promise<unknown>): Promise<Response> {
  const outcome = await call.then(
    (value) => value,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Response)) throw new Error(`expected the route to refuse, it answered ${JSON.stringify(outcome)?.slice(0, 200)}`);
  return outcome;
}

describe("admin routes", () => {
  it("the list of admin routes is not empty", () => {
    expect(adminRoutes).toContain("app._index.tsx");
  });

  it.each(adminRoutes)("%s refuses a request without a session token", async (file) => {
    await installShop();
    const mod = (await import(/* @vite-ignore */ path.join(routesDir, file))) as RouteModule;
    const params = { id: "new", offerId: "any" };
    const unauthenticated = () => new Request(`${APP_URL}/app?shop=${TEST_SHOP}`, { method: "GET" });
    const handlers = [mod.loader, mod.action].filter((h): h is NonNullable<typeof h> => typeof h === "function");
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) {
      const request =
        handler === mod.action
          ? new Request(`${APP_URL}/app?shop=${TEST_SHOP}`, { method: "POST", body: new URLSearchParams({ intent: "delete" }) })
          : unauthenticated();
      const response = await refusal(handler({ request, params, context: {} }));
      // A redirect to the login/bounce page or 401: never a 200 with data.
      expect([302, 401, 403, 410]).toContain(response.status);
    }
  });
});

describe("document headers", () => {
  it("only the shop's admin may frame the app (frame-ancestors)", () => {
    const headers = new Headers();
    addDocumentResponseHeaders(new Request(`${APP_URL}/app?shop=${TEST_SHOP}`), headers);
    const csp = headers.get("Content-Security-Policy") ?? "";
    expect(csp).toMatch(/frame-ancestors/);
    expect(csp).toContain(`https://${TEST_SHOP}`);
    expect(csp).toContain("https://admin.shopify.com");
    // Never a bare wildcard source (Shopify's own *.spin.dev dev hosts are scoped).
    expect(csp).not.toMatch(/frame-ancestors[^;]*\s\*(\s|;|$)/);
  });
});
