import db from "../platform/db.server";
import { bulkOperationsFinishSchema, fetchBulkOperation, type BulkOperation } from "../shopify/bulk-operations.server";
import { WebhookPayloadError, type WebhookHandler, type WebhookPrepare } from "../shopify/webhook-action.server";
import { importBackfill, isUnderWay, settleBackfill } from "./backfill.server";

/*
 * bulk_operations/finish for the co-purchase backfill (decision 0094). The
 * webhook is a signal, not the result: it names the operation and how it
 * ended, never its file. The operation is read by id (the same node(id:) the
 * poll asks) and settled by the poll's own code, so both paths store the
 * same outcome and only the first to claim the import counts the orders.
 * Polling stays (decision 0084): a webhook can be late or lost.
 */

export type BackfillFinish = { skip: string } | { id: string; operation: BulkOperation | null };

/**
 * Before the delivery's transaction: a body without the documented shape is
 * refused (400); an operation that is not this shop's running backfill is
 * acknowledged untouched; otherwise Shopify is asked about it, and a failure
 * to ask answers 503 so Shopify delivers again.
 */
export const prepareBackfillFinish: WebhookPrepare<BackfillFinish> = async ({ shop, payload, admin }) => {
  const parsed = bulkOperationsFinishSchema.safeParse(payload);
  if (!parsed.success)
    throw new WebhookPayloadError(
      `bulk_operations/finish payload refused: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`,
    );
  const id = parsed.data.admin_graphql_api_id;
  const row = await db.recommendationShop.findUnique({
    where: { shop },
    select: { backfillId: true, backfillStatus: true },
  });
  // Another shop's operation, one we never started, or one a poll or an earlier delivery already settled.
  if (!row || row.backfillId !== id || row.backfillStatus !== "RUNNING") return { skip: "not this shop's running backfill" };
  // Uninstalled since: nothing to read the operation with. A reinstall starts a new backfill.
  if (!admin) return { skip: "no session" };
  const operation = await fetchBulkOperation(admin, id);
  // Shopify said it finished but still reports it running: ask again on its redelivery (503) rather than drop the signal.
  if (operation && isUnderWay(operation))
    throw new Error(`Shopify still reports bulk operation ${id} as ${operation.status}`);
  return { id, operation };
};

const importsUnderWay = new Set<Promise<unknown>>();

/**
 * In the delivery's transaction: settle the backfill (FAILED as the poll
 * stores it, or claimed for import). The import itself runs after the answer:
 * Shopify waits 5 seconds for one, and reading and counting a year of orders
 * can take longer. It stores its own outcome, COMPLETED or FAILED.
 */
export const settleBackfillFinish: WebhookHandler<BackfillFinish> = async ({ shop }, tx, _event, prepared) => {
  if ("skip" in prepared) return;
  const claimed = await settleBackfill(tx, shop, prepared.id, prepared.operation);
  if (!claimed) return;
  return async () => {
    const running = importBackfill(shop, claimed)
      .catch((error: unknown) =>
        // The import stores its failures; only the database refusing that write ends here. The row stays
        // IMPORTING, and a backfill stuck over a day may be started again (decision 0084).
        console.error(`backfill ${shop} import not recorded: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => importsUnderWay.delete(running));
    importsUnderWay.add(running);
  };
};

/** Resolves once every import a webhook started has ended (tests await it; so could a graceful shutdown). */
export async function backfillImportsSettled(): Promise<void> {
  while (importsUnderWay.size) await Promise.allSettled([...importsUnderWay]);
}
