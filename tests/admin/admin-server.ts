import { listenAppServer, serveApp } from "../../demo/app-server";

/*
 * The real Remix app (vite.config.ts, the Remix Vite plugin, every route)
 * served by Vite in middleware mode inside the test process, so the test's
 * MSW fake Admin API and its SQLite copy are the app's: the demo's server
 * (demo/app-server.ts), keeping Shopify's App Bridge URL for the browser
 * test to route to app-bridge-stub.js. No auth bypass: the browser carries
 * real session tokens.
 */
export async function startAdminServer(): Promise<{ url: string; clientDeps: () => ClientDeps; close: () => Promise<void> }> {
  const { http, url } = await listenAppServer({ port: 0, host: "127.0.0.1" });
  // Redirects from authenticate.admin are built on the app URL; it must be this server.
  process.env.SHOPIFY_APP_URL = url;
  const app = await serveApp(http, url, { appBridgeSrc: null, cacheName: "browser-test" });
  const clientDeps = (): ClientDeps => {
    const metadata = app.vite.environments.client.depsOptimizer?.metadata;
    return {
      hash: metadata?.browserHash ?? "",
      bundled: Object.keys({ ...metadata?.optimized, ...metadata?.discovered }).sort(),
    };
  };
  return { url, clientDeps, close: app.close };
}

/** What Vite pre-bundled for the browser; a new hash means it re-bundled, and pages already open had to reload. */
export interface ClientDeps {
  hash: string;
  bundled: string[];
}
