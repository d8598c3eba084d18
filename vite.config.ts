import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type UserConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// The Shopify CLI passes HOST; Remix/Vite expect SHOPIFY_APP_URL.
if (process.env.HOST && (!process.env.SHOPIFY_APP_URL || process.env.SHOPIFY_APP_URL === process.env.HOST)) {
  process.env.SHOPIFY_APP_URL = process.env.HOST;
  delete process.env.HOST;
}

const host = new URL(process.env.SHOPIFY_APP_URL || "http://localhost").hostname;
const hmrConfig =
  host === "localhost"
    ? { protocol: "ws", host: "localhost", port: 64999, clientPort: 64999 }
    : { protocol: "wss", host, port: parseInt(process.env.FRONTEND_PORT ?? "8002"), clientPort: 443 };

export default defineConfig({
  server: {
    allowedHosts: [host],
    cors: { preflightContinue: true },
    port: Number(process.env.PORT || 3000),
    hmr: hmrConfig,
    fs: { allow: ["app", "node_modules"] },
  },
  plugins: [
    remix({
      // `npm run build` writes build/; the production smoke suite (tests/production) builds
      // the same app into a private directory so it never replaces a build/ in use.
      buildDirectory: process.env.TACTFUL_BUILD_DIR || "build",
      ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: false,
        v3_routeConfig: false,
      },
    }),
    tsconfigPaths(),
  ],
  build: { assetsInlineLimit: 0 },
  // Every client dependency of the admin, pre-bundled when the server starts, and nothing
  // else: discovery is off. Left to discovery, a dependency first met on a later page is
  // optimized mid-session and that page ends up with two copies of React (seen on a fresh
  // clone's cold cache). Worse, Remix's dev server transforms each route's whole module
  // graph for the client to collect its CSS, .server files included, so on the first
  // document request discovery "found" @prisma/client, the Prisma adapters,
  // @remix-run/node and the Shopify session storage, bundled them for the browser and
  // invalidated every optimized dependency ("optimized dependencies changed. reloading"):
  // pages already open then failed to import their modules and reloaded. On a busy
  // machine that landed in the middle of a browser test (issue 13, item 8).
  optimizeDeps: {
    noDiscovery: true,
    include: [
      "react",
      "react/jsx-runtime",
      "react/jsx-dev-runtime",
      "react-dom",
      "react-dom/client",
      "@remix-run/react",
      "@shopify/app-bridge-react",
      "@shopify/polaris",
      "@shopify/polaris-icons",
      "@shopify/polaris-viz",
      "@shopify/shopify-app-remix/react",
      // app.tsx's ErrorBoundary uses boundary.error from here.
      "@shopify/shopify-app-remix/server",
      "zod",
    ],
  },
}) satisfies UserConfig;
