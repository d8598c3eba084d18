import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// Node-side scripts (demo, benchmarks) run through vite-node with this config,
// not vite.config.ts, whose Remix plugin would take over module loading.
export default defineConfig({ plugins: [tsconfigPaths()] });
