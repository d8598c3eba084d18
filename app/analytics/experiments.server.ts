import type { PrismaClient } from "@prisma/client";
import { sqlFragments } from "../platform/db.server";
import { offerDefinitionSchema } from "../offers/offer.schema";
import { compareToControl, incrementalRevenue, verdict, type ArmCounts, type Comparison, type Interval, type Verdict } from "./stats";

export const HOLDOUT = "holdout";

export interface ArmResult {
  arm: string;
  label: string;
  role: "CONTROL" | "VARIANT" | "HOLDOUT" | "TREATED";
  counts: ArmCounts;
  /** Against control for variants, against the holdout for the treated group; null for the reference arm itself. */
  comparison: Comparison | null;
}

export interface ExperimentResults {
  hasExperiment: boolean;
  controlArm: string | null;
  arms: ArmResult[];
  verdict: Verdict;
  /** Treated visitors vs holdout: (rpv_T - rpv_H) x treated visitors, shop currency minor units. */
  incremental: Interval | null;
  currency: string | null;
}

const emptyCounts = (): ArmCounts => ({ visitors: 0, conversions: 0, revenue: 0, revenueSq: 0 });

type VisitorRow = { offerId: string; arm: string; n: bigint | number };
/** Orders per offer arm, summed in the database: count, revenue and the sum of squares the intervals need. */
type OrderRow = { offerId: string; arm: string; n: bigint | number; revenue: unknown; revenueSq: unknown; currency: string | null };

/**
 * Visitors and orders per arm for these offers, two grouped statements
 * whatever the number of offers (decision 0088: Home and Analytics asked once
 * per offer with a holdout, and read every order row).
 */
async function armCounts(db: PrismaClient, shop: string, offerIds: readonly string[], from: string, to: string) {
  const { sql, join } = sqlFragments;
  const ids = join([...offerIds].map((id) => sql`${id}`));
  const [visitors, orders] = await Promise.all([
    db.$queryRaw<VisitorRow[]>`
      SELECT "offerId", "arm", COUNT(DISTINCT "visitor") AS n FROM "AnalyticsEvent"
      WHERE "shop" = ${shop} AND "offerId" IN (${ids}) AND "type" = 'IMPRESSION' AND "day" >= ${from} AND "day" <= ${to}
      GROUP BY "offerId", "arm"`,
    // Squares as doubles, as JavaScript sums them: a 64-bit square of a large order overflows.
    db.$queryRaw<OrderRow[]>`
      SELECT "offerId", "arm", COUNT(*) AS n, SUM("revenue") AS revenue,
        SUM(CAST("revenue" AS DOUBLE PRECISION) * CAST("revenue" AS DOUBLE PRECISION)) AS "revenueSq", MAX("currency") AS currency
      FROM "ExperimentOrder"
      WHERE "shop" = ${shop} AND "offerId" IN (${ids}) AND "day" >= ${from} AND "day" <= ${to}
      GROUP BY "offerId", "arm"`,
  ]);
  return { visitors, orders };
}

/**
 * Per-arm visitors (distinct visitors with an impression, or for the holdout
 * with the "would have been shown" exposure), orders and order revenue from
 * the `_tactful_ab` attribute, for one offer and a period of UTC days. See
 * docs/decisions on the statistics method and the attribution model.
 */
export async function experimentResults(db: PrismaClient, shop: string, offerId: string, from: string, to: string): Promise<ExperimentResults> {
  return (await experimentResultsFor(db, shop, [offerId], from, to)).get(offerId) ?? resultsFrom(null, [], []);
}

/** experimentResults for many offers in four statements (another shop's offer reads as one without a definition). */
export async function experimentResultsFor(db: PrismaClient, shop: string, offerIds: readonly string[], from: string, to: string): Promise<Map<string, ExperimentResults>> {
  const out = new Map<string, ExperimentResults>();
  if (!offerIds.length) return out;
  const [offers, { visitors, orders }] = await Promise.all([
    db.offer.findMany({ where: { shop, id: { in: [...offerIds] } }, select: { id: true, definition: true } }),
    armCounts(db, shop, offerIds, from, to),
  ]);
  const definitions = new Map(offers.map((o) => [o.id, o.definition]));
  for (const id of offerIds) {
    out.set(
      id,
      resultsFrom(
        definitions.get(id) ?? null,
        visitors.filter((v) => v.offerId === id),
        orders.filter((o) => o.offerId === id),
      ),
    );
  }
  return out;
}

function resultsFrom(definition: unknown, visitorRows: readonly VisitorRow[], orders: readonly OrderRow[]): ExperimentResults {
  const def = definition === null ? null : offerDefinitionSchema.safeParse(definition);
  const variants = def?.success ? def.data.abVariants : [];
  const holdoutBps = def?.success ? def.data.holdoutBps : 0;
  const controlArm = variants[0]?.id ?? null;
  const names = new Map(variants.map((v, i) => [v.id, v.name || (i === 0 ? `Control (${v.id})` : `Variant ${v.id}`)]));
  // The storefront's bucket for the control is "control"; its variant id is the control's id.
  const normal = (arm: string) => (arm === "control" && controlArm ? controlArm : arm);

  const counts = new Map<string, ArmCounts>();
  const get = (arm: string) => counts.get(arm) ?? counts.set(arm, emptyCounts()).get(arm) ?? emptyCounts();
  for (const v of variants) get(v.id);
  if (holdoutBps > 0) get(HOLDOUT);
  for (const r of visitorRows) get(normal(r.arm)).visitors += Number(r.n);
  for (const o of orders) {
    const c = get(normal(o.arm));
    c.conversions += Number(o.n);
    // 64-bit in the database (a decimal on Postgres); sums stay far below 2^53 minor units.
    c.revenue += Number(o.revenue ?? 0);
    c.revenueSq += Number(o.revenueSq ?? 0);
  }

  const holdout = counts.get(HOLDOUT);
  const treated = emptyCounts();
  for (const [arm, c] of counts) {
    if (arm === HOLDOUT) continue;
    treated.visitors += c.visitors;
    treated.conversions += c.conversions;
    treated.revenue += c.revenue;
    treated.revenueSq += c.revenueSq;
  }

  const arms: ArmResult[] = [];
  const control = controlArm ? counts.get(controlArm) : undefined;
  if (variants.length) {
    for (const v of variants) {
      const c = counts.get(v.id) ?? emptyCounts();
      arms.push({ arm: v.id, label: names.get(v.id) ?? v.id, role: v.id === controlArm ? "CONTROL" : "VARIANT", counts: c, comparison: v.id !== controlArm && control ? compareToControl(c, control) : null });
    }
    for (const [arm, c] of counts) {
      if (arm === HOLDOUT || names.has(arm)) continue;
      // Arms no longer in the definition (edited experiment) still show, unlabelled.
      arms.push({ arm, label: arm === "" ? "No variant" : `Former variant ${arm}`, role: "VARIANT", counts: c, comparison: control ? compareToControl(c, control) : null });
    }
  } else if (holdout) {
    arms.push({ arm: "treated", label: "Saw the offer", role: "TREATED", counts: treated, comparison: compareToControl(treated, holdout) });
  }
  if (holdout) arms.push({ arm: HOLDOUT, label: "Holdout (saw nothing)", role: "HOLDOUT", counts: holdout, comparison: null });

  const forVerdict: Record<string, ArmCounts> = {};
  for (const a of arms) if (a.role === "CONTROL" || a.role === "VARIANT") forVerdict[a.arm] = a.counts;

  return {
    hasExperiment: variants.length > 1 || holdoutBps > 0 || !!holdout,
    controlArm,
    arms,
    verdict: controlArm ? verdict(controlArm, forVerdict) : { kind: "NOT_ENOUGH_DATA" },
    incremental: holdout ? incrementalRevenue(treated, holdout) : null,
    currency: orders[0]?.currency ?? null,
  };
}
