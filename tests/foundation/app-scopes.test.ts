import { describe, expect, it } from "vitest";
import { appScopes } from "../../demo/app-scopes";

describe("the app's scopes, read from shopify.app.toml", () => {
  it("are the toml's [access_scopes] list", () => {
    const scopes = appScopes().split(",");
    expect(scopes).toContain("read_products");
    expect(scopes).toContain("unauthenticated_read_product_listings");
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it("take the scopes line of [access_scopes] only, and refuse a toml without one", () => {
    const toml = '[build]\nscopes = "wrong"\n\n[access_scopes]\n# a comment\nscopes = "read_products,write_discounts"\n\n[auth]\nscopes = "also wrong"\n';
    expect(appScopes(toml)).toBe("read_products,write_discounts");
    expect(() => appScopes('[build]\nscopes = "wrong"\n')).toThrow(/no `scopes/);
    expect(() => appScopes('[access_scopes]\n# none\n[auth]\nscopes = "x"\n')).toThrow(/no `scopes/);
  });
});
