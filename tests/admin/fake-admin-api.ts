import { setupServer } from "msw/node";
import { RequestType, setUpValidRequest, API_KEY, API_SECRET_KEY, APP_URL, TEST_SHOP_NAME } from "@shopify/shopify-api/test-helpers";
import { FakeAdminApi } from "../../demo/admin-api/fake-admin-api";

// One fake Admin API for tests and `npm run demo`: demo/admin-api/fake-admin-api.ts.
export { ADMIN_ENDPOINT, FakeAdminApi, INSTALLATION_ID, SHOP_ID, type CollectionFixture, type OrderFixture, type ProductFixture } from "../../demo/admin-api/fake-admin-api";

/*
 * One MSW server per test file, listening as soon as this module loads:
 * @shopify/shopify-api captures globalThis.fetch when its adapter is imported,
 * so test files import this module BEFORE any app module. Anything the fake
 * doesn't know fails loudly.
 */
export const adminServer = setupServer();
adminServer.listen({ onUnhandledRequest: "error" });

export function useFakeAdmin(api: FakeAdminApi) {
  adminServer.resetHandlers(...api.handlers());
}

/** A fetch from the embedded admin: App Bridge adds a session token as a bearer header. */
export async function bearerRequest(path: string, init?: RequestInit): Promise<Request> {
  return setUpValidRequest({ type: RequestType.Bearer, store: TEST_SHOP_NAME, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY }, new Request(`${APP_URL}${path}`, init));
}

export const jsonPost = (path: string, body: unknown) =>
  bearerRequest(path, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });

export const formPost = (path: string, form: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) (Array.isArray(v) ? v : [v]).forEach((x) => body.append(k, x));
  return bearerRequest(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
};
