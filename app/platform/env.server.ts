import { z } from "zod";

/**
 * Every environment variable the server reads, parsed once at startup.
 * A missing or malformed variable stops the app with a message naming it,
 * instead of surfacing later as an undefined API key inside a request.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1, "is required (the app's client id)"),
  SHOPIFY_API_SECRET: z.string().min(1, "is required (the app's client secret)"),
  SHOPIFY_APP_URL: z.url("must be the app's public URL, e.g. https://example.trycloudflare.com"),
  SCOPES: z
    .string()
    .min(1, "is required (comma-separated access scopes)")
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .default("file:./dev.sqlite"),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Key for hashing logged-in customer ids in analytics; never stored in clear. */
  TACTFUL_HASH_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * Proxies of our own (load balancers) between Shopify's app proxy and the app
   * that append to X-Forwarded-For: the beacon budget keys on the entry this many
   * places from the right, the one Shopify's proxy wrote (decision 0059).
   */
  TACTFUL_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * The Shopify library's log level. Warnings by default: at "info" it writes a
   * line for every admin request, which buried the demo's output (issue 19).
   */
  TACTFUL_LOG_LEVEL: z.enum(["error", "warning", "info", "debug"], { error: "must be error, warning, info or debug" }).default("warning"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "(root)";
        // zod reports a missing string as "expected string, received undefined"; say it plainly.
        const message = issue.code === "invalid_type" && source[name] === undefined ? "is required" : issue.message;
        return `${name} ${message}`;
      }),
    );
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Shopify access and refresh tokens carry a `shp…_` prefix (shpat_, shpca_, shpua_, …). */
const SHOPIFY_TOKEN = /\bshp[a-z]{2}_[A-Za-z0-9]{16,}/g;

/**
 * Masks secrets in text bound for a log. A library error can quote the
 * request it failed on (a token, the client secret), and logs travel further
 * than the database. Reads process.env itself so it also works when the
 * environment is invalid and env() would throw.
 */
export function redactSecrets(text: string, source: Record<string, string | undefined> = process.env): string {
  const values = [source.SHOPIFY_API_SECRET, source.TACTFUL_HASH_KEY, ...databasePassword(source.DATABASE_URL)].filter(
    // Short values would mask ordinary words; real secrets are longer.
    (v): v is string => typeof v === "string" && v.length >= 8,
  );
  let out = text.replace(SHOPIFY_TOKEN, (token) => `${token.slice(0, 6)}[redacted]`);
  for (const value of values) out = out.split(value).join("[redacted]");
  return out;
}

function databasePassword(url: string | undefined): string[] {
  if (!url?.startsWith("postgres")) return [];
  try {
    const password = new URL(url).password;
    // Both spellings: as written in the URL and decoded, as a driver reports it.
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}
