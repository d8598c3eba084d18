import { describe, expect, it } from "vitest";
import { clientKey, forwardedClientIp } from "./client-key.server";

const req = (xff?: string) => new Request("https://app.example/proxy/events", { method: "POST", headers: xff === undefined ? {} : { "X-Forwarded-For": xff } });

describe("the client a beacon budget is keyed on (decision 0059)", () => {
  it("is the X-Forwarded-For entry Shopify's proxy appended, not what the client put before it", () => {
    expect(forwardedClientIp(req("203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(forwardedClientIp(req("1.2.3.4, 5.6.7.8,203.0.113.7"), 0)).toBe("203.0.113.7");
  });

  it("skips TACTFUL_PROXY_HOPS entries our own load balancers appended after it", () => {
    expect(forwardedClientIp(req("1.2.3.4, 203.0.113.7, 10.0.0.1"), 1)).toBe("203.0.113.7");
    expect(forwardedClientIp(req("203.0.113.7, 10.0.0.1, 10.0.0.2"), 2)).toBe("203.0.113.7");
    // Fewer entries than hops: the leftmost there is.
    expect(forwardedClientIp(req("203.0.113.7"), 2)).toBe("203.0.113.7");
  });

  it("is empty without the header, and is held only as a hash that differs per shop", () => {
    expect(forwardedClientIp(req(), 0)).toBe("");
    const a = clientKey("a.myshopify.com", req("203.0.113.7"));
    expect(a).not.toContain("203.0.113");
    expect(a).not.toBe(clientKey("b.myshopify.com", req("203.0.113.7")));
    expect(a).toBe(clientKey("a.myshopify.com", req("9.9.9.9, 203.0.113.7")));
  });
});
