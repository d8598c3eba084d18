import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin, type PluginOption } from "vite";
import base from "../vite.config";

/*
 * The app's own Vite config, built into a private directory so the ingest
 * benchmark never overwrites (or reads) a build/ someone else is using.
 * Only the Remix plugin's buildDirectory differs; its other options are the app's.
 */
const buildDirectory = process.env.BENCH_BUILD_DIR;
if (!buildDirectory) throw new Error("BENCH_BUILD_DIR is required");

const isRemix = (p: PluginOption) => !!p && typeof p === "object" && "name" in p && String((p as Plugin).name).startsWith("remix");

export default defineConfig({
  ...base,
  plugins: [
    remix({
      buildDirectory,
      ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
      future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: false, v3_routeConfig: false },
    }),
    ...(base.plugins ?? []).flat().filter((p) => !isRemix(p)),
  ],
});
