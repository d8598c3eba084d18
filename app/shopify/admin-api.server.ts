import { z } from "zod";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";

/*
 * The Admin GraphQL client: every call Tactful makes to Shopify goes through
 * request() here. The modules beside it each hold one concern (the sync, the
 * discount, metafields, the theme embed check, the shop's time zone, currency
 * and locales, collection membership, preview products). Throttled and 5xx
 * answers are retried with backoff that honours the cost-based rate limit
 * (decision 0041).
 */

export type AdminGraphql = Pick<AdminApiContext, "graphql">;

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per call: a request Shopify never answers must not hold the merchant's save forever. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** Mutable so tests can observe waits without sleeping through them. */
export const retryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  timeoutMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class AdminApiError extends Error {
  override readonly name = "AdminApiError";
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

const throttleSchema = z.object({
  requestedQueryCost: z.number().optional(),
  throttleStatus: z.object({ maximumAvailable: z.number(), currentlyAvailable: z.number(), restoreRate: z.number().positive() }),
});

/** How long until the bucket holds what the throttled query asked for. */
export function throttleWaitMs(cost: unknown, fallbackMs: number): number {
  const parsed = throttleSchema.safeParse(cost);
  if (!parsed.success) return fallbackMs;
  const { requestedQueryCost, throttleStatus: t } = parsed.data;
  const needed = Math.min(requestedQueryCost ?? t.maximumAvailable / 10, t.maximumAvailable) - t.currentlyAvailable;
  return Math.max(0, Math.ceil((needed / t.restoreRate) * 1000));
}

const graphqlErrorBody = z.object({
  errors: z.object({ graphQLErrors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).loose().optional() })).optional() }).loose(),
  extensions: z.object({ cost: z.unknown().optional() }).loose().optional(),
});

/** Sorts what the Shopify client throws into "retry" (and how long to wait) or "give up". */
function classify(error: unknown, attempt: number): AdminApiError {
  const backoff = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** attempt);
  if (error instanceof Response) {
    // HTTP errors reach us as Responses (shopify-app-remix's handleClientError).
    const retryable = error.status === 429 || error.status >= 500;
    const after = Number(error.headers.get("Retry-After"));
    return new AdminApiError(`Shopify answered HTTP ${error.status}`, retryable, Number.isFinite(after) && after > 0 ? after * 1000 : backoff);
  }
  const body = graphqlErrorBody.safeParse((error as { body?: unknown } | null)?.body);
  if (body.success) {
    const errors = body.data.errors.graphQLErrors ?? [];
    if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
      return new AdminApiError("Shopify throttled the request", true, Math.min(retryPolicy.maxDelayMs, throttleWaitMs(body.data.extensions?.cost, backoff)));
    }
    const internal = errors.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR");
    return new AdminApiError(errors.map((e) => e.message).join("; ") || "GraphQL request failed", internal, backoff);
  }
  // Our AbortSignal fired: raw, or wrapped by the GraphQL client as "Http request error, … aborted due to timeout".
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError" || /aborted due to timeout/.test(error.message))) {
    return new AdminApiError(`Shopify did not answer within ${retryPolicy.timeoutMs / 1000} s`, true, backoff);
  }
  const message = error instanceof Error ? error.message : String(error);
  // No response at all (connection reset, DNS): transient as far as we can tell.
  return new AdminApiError(`Could not reach Shopify: ${message}`, true, backoff);
}

/** One GraphQL call with retries; returns `data`, typed by the caller's zod schema. */
export async function request<S extends z.ZodType>(
  admin: AdminGraphql,
  query: string,
  schema: S,
  variables?: Record<string, unknown>,
  maxAttempts = retryPolicy.maxAttempts,
): Promise<z.output<S>> {
  let last: AdminApiError | undefined;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (last?.waitMs !== undefined) await retryPolicy.sleep(last.waitMs);
    try {
      const signal = AbortSignal.timeout(retryPolicy.timeoutMs);
      const response = await admin.graphql(query, variables ? { variables, signal } : { signal });
      const body: unknown = await response.json();
      const parsed = schema.safeParse((body as { data?: unknown } | null)?.data);
      if (!parsed.success) throw new AdminApiError(`Unexpected answer from Shopify: ${parsed.error.issues[0]?.message ?? "malformed"}`, false);
      return parsed.data;
    } catch (error) {
      last = error instanceof AdminApiError ? error : classify(error, attempt);
      if (!last.retryable) throw last;
    }
  }
  throw new AdminApiError(`${last?.message ?? "Shopify request failed"} (gave up after ${maxAttempts} attempts)`, false);
}

export const userErrorsSchema = z.array(z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() }));
export const userErrorText = (errors: z.output<typeof userErrorsSchema>) =>
  errors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ");
