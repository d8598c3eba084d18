import { z } from "zod";
import { BULK_OPERATION_QUERY, BULK_OPERATION_RUN_QUERY } from "../graphql/operations";
import { AdminApiError, request, userErrorText, type AdminGraphql } from "./admin-api.server";

/*
 * Shopify's bulk query operations (Admin API 2026-07): start one, poll it by
 * id (or hear from bulk_operations/finish that it ended), read its JSONL. Several can run at once per shop since 2026-01, so an
 * operation is polled by its own id (node), not through currentBulkOperation.
 * The result URL expires after seven days.
 */

const runSchema = z.object({
  bulkOperationRunQuery: z.object({
    bulkOperation: z.object({ id: z.string(), status: z.string() }).nullable(),
    userErrors: z.array(
      z.object({
        field: z.array(z.string()).nullable().optional(),
        message: z.string(),
        code: z.string().nullable().optional(),
      }),
    ),
  }),
});

/** Starts a bulk query; its GID, or an AdminApiError carrying Shopify's userErrors. */
export async function runBulkQuery(admin: AdminGraphql, query: string): Promise<string> {
  const data = await request(admin, BULK_OPERATION_RUN_QUERY, runSchema, { query });
  const { bulkOperation, userErrors } = data.bulkOperationRunQuery;
  if (userErrors.length || !bulkOperation)
    throw new AdminApiError(
      userErrors.length ? userErrorText(userErrors) : "Shopify did not start the bulk operation",
      false,
    );
  return bulkOperation.id;
}

export const bulkOperationSchema = z.object({
  id: z.string(),
  status: z.enum(["CANCELED", "CANCELING", "COMPLETED", "CREATED", "EXPIRED", "FAILED", "RUNNING"]),
  errorCode: z.string().nullable().optional(),
  // UnsignedInt64 arrives as a string.
  objectCount: z.union([z.string(), z.number()]).transform(Number),
  url: z.string().url().nullable().optional(),
  partialDataUrl: z.string().url().nullable().optional(),
});
export type BulkOperation = z.output<typeof bulkOperationSchema>;

/**
 * The bulk_operations/finish webhook's body (shopify.dev sample payload):
 * `{ admin_graphql_api_id, completed_at, created_at, error_code, status, type }`,
 * status and type in lower case ("completed", "failed", "canceled"; "query",
 * "mutation"). It carries no result URL: the operation is read by id after it.
 */
export const bulkOperationsFinishSchema = z.object({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/BulkOperation\/\d+$/, "must be a BulkOperation GID"),
  status: z.string().min(1),
  type: z.string().min(1),
  error_code: z.string().nullable().optional(),
  completed_at: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
});
export type BulkOperationsFinish = z.output<typeof bulkOperationsFinishSchema>;

/** The operation's state; null when Shopify no longer knows the id. */
export async function fetchBulkOperation(admin: AdminGraphql, id: string): Promise<BulkOperation | null> {
  const data = await request(admin, BULK_OPERATION_QUERY, z.object({ node: bulkOperationSchema.nullable() }), { id });
  return data.node;
}

/**
 * Reads a result file line by line, never holding the whole file as one
 * string; stops with an error past `maxBytes`. Each non-empty line goes to
 * `onLine` as parsed JSON.
 */
export async function readJsonl(
  url: string,
  onLine: (value: unknown) => void,
  maxBytes = 512 * 1024 * 1024,
): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  if (!response.ok || !response.body)
    throw new AdminApiError(
      `Shopify's bulk result could not be read (HTTP ${response.status})`,
      response.status >= 500,
    );
  const decoder = new TextDecoder();
  let pending = "";
  let bytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (value) {
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        throw new AdminApiError(`Shopify's bulk result is over ${maxBytes} bytes`, false);
      }
      pending += decoder.decode(value, { stream: true });
    }
    if (done) pending += decoder.decode();
    let newline: number;
    while ((newline = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) onLine(JSON.parse(line));
    }
    if (done) break;
  }
  if (pending.trim()) onLine(JSON.parse(pending));
}
