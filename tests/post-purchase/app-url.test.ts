import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appUrlModule } from "../../scripts/gen-post-purchase-url.mjs";

const root = path.resolve(import.meta.dirname, "../..");

describe("the post-purchase page's app URL", () => {
  it("is exactly what scripts/gen-post-purchase-url.mjs derives from shopify.app.toml", () => {
    const toml = readFileSync(path.join(root, "shopify.app.toml"), "utf8");
    expect(readFileSync(path.join(root, "extensions/tactful-post-purchase/src/app-url.ts"), "utf8")).toBe(appUrlModule(toml));
  });

  it("is the origin only, and refuses a config without one", () => {
    expect(appUrlModule('application_url = "https://tactful.example/path"\n')).toContain('APP_URL = "https://tactful.example"');
    expect(() => appUrlModule("name = 'x'\n")).toThrow(/application_url/);
  });
});
