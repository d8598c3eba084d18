import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("decision records", () => {
  it("the index in docs/decisions/README.md lists every record, with what supersedes it", () => {
    // Throws (exit 1) with the fix in its message when a record is missing or renamed.
    expect(() => execFileSync("node", ["scripts/decision-index.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });
});
