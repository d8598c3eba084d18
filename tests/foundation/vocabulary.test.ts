import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/*
 * The vocabulary every surface shares is written once, in packages/engine
 * (decision 0064, issue 20). This reads the sources the surfaces are built
 * from and fails on a second copy: the list of moments, numericId, the
 * popup's {headline, body, accept, decline} shape, and a table of currency
 * digits. Tests and fixtures may spell values out; they are not copies.
 */

const sources = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "app", "extensions", "demo", "scripts", "packages"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(ts|tsx|mjs|js)$/.test(f) && !/\.test\.|\.d\.ts$|test-|-fixtures\.|\/generated\/|\/assets\/|\/dist\//.test(f));

function where(pattern: RegExp): string[] {
  return sources.filter((f) => {
    try {
      return pattern.test(readFileSync(f, "utf8"));
    } catch {
      return false; // listed by git but deleted in the working tree
    }
  });
}

describe("shared vocabulary is written once, in the engine", () => {
  it("reads the surfaces' sources", () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources).toContain("packages/engine/types.ts");
  });

  it("the list of moments", () => {
    expect(where(/"ADD_TO_CART",\s*"CART",\s*"PRE_CHECKOUT",\s*"CHECKOUT",\s*"THANK_YOU"/)).toEqual(["packages/engine/types.ts"]);
  });

  it("numericId", () => {
    expect(where(/(function\s+numericId\b|\bnumericId\s*=\s*\(|lastIndexOf\("\/"\))/)).toEqual(["packages/engine/shopify-id.ts"]);
  });

  it("the popup's words: headline, body, accept, decline", () => {
    expect(where(/headline\??:\s*string;?\s*body\??:\s*string;?\s*accept\??:\s*string;?\s*decline\??:\s*string/)).toEqual(["packages/engine/types.ts"]);
  });

  it("a table of currency digits", () => {
    // A currency code mapped to its digits ("JPY": 0, [3, "BHD IQD …"]), not a mention in a comment.
    expect(where(/\b(JPY|KWD|BHD|CLF)\b["']?\s*[:,=]\s*[0-4]\b|\[\s*[0-4]\s*,\s*"[A-Z]{3}( [A-Z]{3})+/)).toEqual(["packages/engine/money.ts"]);
  });
});
