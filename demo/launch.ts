import { DEMO_API_KEY, DEMO_SECRET, DEMO_SHOP, demoRefusal } from "../app/demo-mode/demo-mode.server";
import { startDemoAdminApi, type DemoAdminApi } from "./admin-api/server";
import { appScopes } from "./app-scopes";
import { listenAppServer, serveApp, type AppServer } from "./app-server";
import { startStorefront, type Storefront } from "./storefront/server";

/*
 * The whole simulated shop in one process: the demo Admin API (MSW, started
 * before any app module loads), the app (Remix through Vite, demo mode), the
 * simulated storefront wired to it (app proxy beacons, checkout webhooks),
 * and the demo shop seeded through the app's own models and sync.
 * Used by `npm run demo` (demo/run.ts) and the end-to-end tests (tests/loop).
 */

export interface Demo {
  app: AppServer;
  storefront: Storefront;
  admin: DemoAdminApi;
  /** Loads an app module in the app's own module graph (same Prisma client, same Shopify config). */
  load: <T>(id: string) => Promise<T>;
  close: () => Promise<void>;
}

export async function startDemo(opts: { appPort?: number; storefrontPort?: number; host?: string; publicHost?: string; databaseUrl?: string } = {}): Promise<Demo> {
  const refusal = demoRefusal(process.env);
  if (refusal) throw new Error(`Refusing to start the demo: ${refusal}`);
  const host = opts.host ?? "127.0.0.1";
  const { http, url } = await listenAppServer({ port: opts.appPort ?? 0, host, ...(opts.publicHost ? { publicHost: opts.publicHost } : {}) });
  Object.assign(process.env, {
    TACTFUL_DEMO: "1",
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: DEMO_SECRET,
    SHOPIFY_APP_URL: url,
    SCOPES: appScopes(),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
  });
  let storefrontUrl: string | null = null;
  const admin = startDemoAdminApi({ shop: DEMO_SHOP, storefrontUrl: () => storefrontUrl });
  const storefront = await startStorefront({ port: opts.storefrontPort ?? 0, app: { url, secret: DEMO_SECRET, postPurchase: { apiKey: DEMO_API_KEY, orders: admin.api.orders } } });
  storefrontUrl = storefront.url;
  // The admin's session debugger links open this storefront (decision record 0090).
  process.env.TACTFUL_DEMO_STOREFRONT_URL = `${storefront.url}/`;
  const app = await serveApp(http, url);
  const load = <T>(id: string) => app.vite.ssrLoadModule(id) as Promise<T>;
  const { seedDemoShop } = await load<typeof import("../app/demo-mode/seed.server")>("/app/demo-mode/seed.server.ts");
  const seeded = await seedDemoShop();
  if (!seeded.sync.ok) throw new Error(`Seeding the demo shop failed to sync: ${seeded.sync.error}`);
  return {
    app,
    storefront,
    admin,
    load,
    close: async () => {
      await storefront.close();
      await app.close();
      admin.close();
    },
  };
}
