import { createHmac, randomUUID } from "node:crypto";

/**
 * Demo mode runs the whole app against the simulated shop on this machine.
 * It signs its own session tokens with a demo-only secret, so it must never
 * run in production or next to real Shopify credentials.
 */
export const DEMO_SHOP = "tactful-demo.myshopify.com";
export const DEMO_API_KEY = "tactful-demo";
export const DEMO_SECRET = "tactful-demo-secret-not-for-production";
export const DEMO_USER_ID = "1";

type Env = Record<string, string | undefined>;

export function isDemoMode(env: Env = process.env): boolean {
  return env.TACTFUL_DEMO === "1";
}

/** Why demo mode must not start in this environment, or null when it may. */
export function demoRefusal(env: Env): string | null {
  if (env.NODE_ENV === "production") return "NODE_ENV is production; demo mode only runs in development.";
  if (env.SHOPIFY_API_SECRET && env.SHOPIFY_API_SECRET !== DEMO_SECRET)
    return "SHOPIFY_API_SECRET holds real Shopify credentials; unset it to run the demo.";
  if (env.SHOPIFY_API_KEY && env.SHOPIFY_API_KEY !== DEMO_API_KEY)
    return "SHOPIFY_API_KEY names a real Shopify app; unset it to run the demo.";
  return null;
}

export function assertDemoAllowed(env: Env = process.env): void {
  const refusal = demoRefusal(env);
  if (refusal) throw new Error(`Refusing to start in demo mode: ${refusal}`);
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/**
 * A session token shaped like the one App Bridge gets from the Shopify admin
 * (HS256, signed with the app secret, valid one minute). The app verifies it
 * with the same code path as a real one.
 */
export function signDemoSessionToken(nowMs: number, shop = DEMO_SHOP): string {
  const now = Math.floor(nowMs / 1000);
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: DEMO_API_KEY,
      sub: DEMO_USER_ID,
      exp: now + 60,
      nbf: now - 5,
      iat: now,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac("sha256", DEMO_SECRET).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export function demoHost(shop = DEMO_SHOP): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64");
}
