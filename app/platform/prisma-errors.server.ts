/**
 * Prisma error checks that hold for every generated client. The SQLite and
 * PostgreSQL clients each bring their own runtime, so `instanceof
 * Prisma.PrismaClientKnownRequestError` is false for errors from the other
 * one; the error code is what both share.
 */
function prismaCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === "string" ? code : undefined;
}

/** A unique constraint refused the write (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return prismaCode(error) === "P2002";
}

/** Prisma's request-level codes for a database that is there but momentarily unusable. */
const TRANSIENT_PRISMA_CODES = new Set([
  "P1001", // can't reach the server
  "P1008", // operation timed out (SQLite: lock held past the busy timeout)
  "P1017", // server closed the connection
  "P2024", // timed out waiting for a pooled connection
  "P2034", // write conflict or deadlock: retry the transaction
]);
/** Driver codes behind a DriverAdapterError: SQLite's lock, Postgres' shutdown/connection/serialization classes. */
const TRANSIENT_DRIVER_CODE = /^(SQLITE_BUSY|SQLITE_LOCKED|57P0[123]|08\w{3}|40001|40P01|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT)/;
/** What node-postgres and Node say when the socket goes away mid-query (no code attached). */
const TRANSIENT_MESSAGE = /Connection terminated|terminating connection|Client has encountered a connection error|ECONNRESET|ECONNREFUSED|database is locked/i;

/**
 * True when the same statement may well succeed if tried again: a busy or
 * locked SQLite file, a dropped or restarted Postgres connection, a
 * serialization failure. Used to retry once and then answer 503 (which makes
 * Shopify and our storefront retry) instead of 500 or a lost write.
 */
export function isTransientDbError(error: unknown): boolean {
  const code = prismaCode(error);
  if (code && TRANSIENT_PRISMA_CODES.has(code)) return true;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } } | null)?.meta?.driverAdapterError?.cause;
  if (typeof cause?.originalCode === "string" && TRANSIENT_DRIVER_CODE.test(cause.originalCode)) return true;
  if (code && TRANSIENT_DRIVER_CODE.test(code)) return true;
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  return TRANSIENT_MESSAGE.test(message);
}

/**
 * Runs `work`, and once more after `pauseMs` if it failed transiently. One
 * retry absorbs a dropped pooled connection (the pool hands out a fresh one)
 * without holding the request for long; anything still failing is the
 * caller's to answer with 503.
 */
export async function retryTransient<T>(work: () => Promise<T>, pauseMs = 50, retryIf: (error: unknown) => boolean = isTransientDbError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!retryIf(error)) throw error;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    return work();
  }
}

/**
 * Transient, but not SQLite's lock: that error comes after the full busy
 * timeout was already waited, so trying again would only double the wait.
 * What is left is a dropped or refused connection, or a serialization failure.
 */
export function isRetryableConnectionError(error: unknown): boolean {
  if (!isTransientDbError(error)) return false;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)?.meta?.driverAdapterError?.cause;
  const text = `${typeof cause?.originalCode === "string" ? cause.originalCode : ""} ${error instanceof Error ? error.message : ""}`;
  return !/SQLITE_BUSY|SQLITE_LOCKED|database is locked/.test(text);
}
