import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://tactful.example",
  SCOPES: "read_products, write_discounts",
};

describe("environment", () => {
  it("parses a complete environment and applies the SQLite default", () => {
    const env = parseEnv(valid);
    expect(env.SCOPES).toEqual(["read_products", "write_discounts"]);
    expect(env.DATABASE_URL).toBe("file:./dev.sqlite");
  });

  it("a missing variable stops the app with a message naming it", () => {
    const { SHOPIFY_API_SECRET: _omitted, ...rest } = valid;
    expect(() => parseEnv(rest)).toThrowError(/SHOPIFY_API_SECRET is required/);
  });

  it("a malformed variable is named with what is wrong", () => {
    const error = (() => {
      try {
        parseEnv({ ...valid, SHOPIFY_APP_URL: "not a url", DATABASE_URL: "mysql://x", PORT: "http" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/SHOPIFY_APP_URL must be the app's public URL/);
    expect(message).toMatch(/DATABASE_URL must start with file:/);
    expect(message).toMatch(/PORT/);
  });
});
