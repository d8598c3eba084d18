// First: MSW must patch fetch before the Shopify library captures it, so a test file imports this module first.
import { adminServer, FakeAdminApi, useFakeAdmin } from "../admin/fake-admin-api";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startAdminBrowser, type AdminBrowser } from "../admin/admin-browser";
import type { ProductFixture } from "../admin/fixtures";
import { installShop } from "./shopify-requests";

/** Where the admin browser tests write their screenshots. */
export const ADMIN_SHOTS = path.resolve("test-results", "admin");

export interface AdminBrowserOptions {
  /** Products the fake Admin API answers for (pickers, previews, sync). */
  products?: ProductFixture[];
  /** Changes to the fake Admin API before the shop is installed (e.g. its currency, which installing reads). */
  configure?: (api: FakeAdminApi) => void;
  /** Rows the test needs before the browser opens (offers, figures), after the shop is installed. */
  seed?: (api: FakeAdminApi) => Promise<void>;
  /** Receives the started browser, as `withLoop` hands over its shop. */
  onStart: (admin: AdminBrowser) => void;
  timeoutMs?: number;
}

/**
 * The admin in Chromium for the calling test file: a fake Admin API with
 * `products`, the test shop installed, the app served and a browser open
 * before its tests; all of it closed after them. Returns the fake Admin API.
 */
export function withAdminBrowser(opts: AdminBrowserOptions): { api: FakeAdminApi } {
  const api = new FakeAdminApi();
  let admin: AdminBrowser | undefined;
  beforeAll(async () => {
    for (const p of opts.products ?? []) api.products.set(p.id, p);
    opts.configure?.(api);
    useFakeAdmin(api);
    await installShop();
    await opts.seed?.(api);
    admin = await startAdminBrowser(ADMIN_SHOTS);
    opts.onStart(admin);
  }, opts.timeoutMs ?? 180_000);
  afterAll(async () => {
    await admin?.close();
    adminServer.close();
  });
  return { api };
}
