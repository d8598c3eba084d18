import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_API_KEY, DEMO_SECRET, DEMO_SHOP, demoRefusal } from "../../app/demo-mode/demo-mode.server";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

function useDemoEnv(extra: Record<string, string> = {}) {
  Object.assign(process.env, {
    TACTFUL_DEMO: "1",
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: DEMO_SECRET,
    ...extra,
  });
  vi.resetModules();
}

describe("demo mode", () => {
  it("refuses to run when NODE_ENV is production", () => {
    expect(demoRefusal({ NODE_ENV: "production" })).toMatch(/production/);
  });

  it("refuses to run next to real Shopify credentials", () => {
    expect(demoRefusal({ SHOPIFY_API_SECRET: "shpss_real" })).toMatch(/real Shopify credentials/);
    expect(demoRefusal({ SHOPIFY_API_KEY: "a1b2c3", SHOPIFY_API_SECRET: DEMO_SECRET })).toMatch(/real Shopify app/);
    expect(demoRefusal({ SHOPIFY_API_KEY: DEMO_API_KEY, SHOPIFY_API_SECRET: DEMO_SECRET })).toBeNull();
  });

  it("the app itself will not start in demo mode with NODE_ENV=production", async () => {
    useDemoEnv({ NODE_ENV: "production" });
    await expect(import("../../app/shopify.server")).rejects.toThrow(/Refusing to start in demo mode/);
  });

  it("`npm run demo` exits before touching anything when NODE_ENV=production or real credentials are set", () => {
    for (const env of [{ NODE_ENV: "production" }, { SHOPIFY_API_SECRET: "shpss_real" }]) {
      const result = spawnSync("npx", ["vite-node", "-c", "demo/vite-node.config.ts", "demo/run.ts"], {
        env: { ...saved, NODE_ENV: "development", SHOPIFY_API_SECRET: "", SHOPIFY_API_KEY: "", ...env } as NodeJS.ProcessEnv,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/Refusing to start the demo/);
    }
  });

  it("the demo sign-in opens the admin through the real session-token check", async () => {
    useDemoEnv();
    const demo = await import("../../app/routes/demo");
    const home = await import("../../app/routes/app._index");
    const redirect = await demo
      .loader({ request: new Request("http://localhost/demo"), params: {}, context: {} })
      .catch((e: unknown) => e);
    expect(redirect).toBeInstanceOf(Response);
    const location = (redirect as Response).headers.get("Location") ?? "";
    expect(location).toMatch(/^\/app\?.*id_token=/);
    const data = await home.loader({ request: new Request(new URL(location, process.env.SHOPIFY_APP_URL)), params: {}, context: {} });
    expect(data).toMatchObject({ shop: DEMO_SHOP });
  });

  it("outside demo mode the demo sign-in does not exist", async () => {
    vi.resetModules();
    delete process.env.TACTFUL_DEMO;
    const demo = await import("../../app/routes/demo");
    const outcome = await demo.loader({ request: new Request("http://localhost/demo"), params: {}, context: {} }).catch((e: unknown) => e);
    expect((outcome as Response).status).toBe(404);
  });
});
