import type { Prisma, PrismaClient } from "@prisma/client";
import { takeWriteLock } from "../platform/db.server";
import { offerDefinitionSchema } from "../offers/offer.schema";
import { addDays, utcDay } from "./day";
import { experimentResults } from "./experiments.server";

export type PromotionOutcome = { ok: true; promotionId: string } | { ok: false; error: string };

/**
 * Makes an A/B variant the offer itself: its content, discount and delay
 * replace the base ones and the experiment ends (the holdout, if any, stays
 * so incremental revenue keeps being measured). The definition before is
 * kept on the Promotion row, so the merchant can undo it.
 */
export async function promoteVariant(db: PrismaClient, shop: string, offerId: string, arm: string, source: "AUTO" | "MERCHANT", summary?: Prisma.InputJsonValue): Promise<PromotionOutcome> {
  return db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    const offer = await tx.offer.findFirst({ where: { id: offerId, shop } });
    if (!offer) return { ok: false, error: "That offer no longer exists." };
    const parsed = offerDefinitionSchema.safeParse(offer.definition);
    if (!parsed.success) return { ok: false, error: "The offer's saved definition is invalid; open and save the offer first." };
    const def = parsed.data;
    const variant = def.abVariants.find((v) => v.id === arm);
    if (!variant) return { ok: false, error: `The offer has no running variant "${arm}".` };
    const next = {
      ...def,
      content: variant.content ? { ...def.content, ...variant.content } : def.content,
      discount: variant.discount ?? def.discount,
      delayMs: variant.delayMs ?? def.delayMs,
      abVariants: [],
    };
    // Same optimistic lock as the offer editor: a concurrent save wins, we retry nothing.
    const { count } = await tx.offer.updateMany({ where: { id: offerId, shop, version: offer.version }, data: { definition: next, version: { increment: 1 } } });
    if (count === 0) return { ok: false, error: "The offer changed while promoting; reload and try again." };
    const p = await tx.promotion.create({
      data: {
        shop,
        offerId,
        variant: arm,
        source,
        previousDefinition: offer.definition as Prisma.InputJsonValue,
        previousVersion: offer.version,
        promotedVersion: offer.version + 1,
        ...(summary === undefined ? {} : { summary }),
      },
    });
    return { ok: true, promotionId: p.id };
  });
}

/** Restores the definition from before the promotion, unless the offer was edited since (that edit would be lost). */
export async function undoPromotion(db: PrismaClient, shop: string, promotionId: string): Promise<PromotionOutcome> {
  return db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    const p = await tx.promotion.findFirst({ where: { id: promotionId, shop } });
    if (!p) return { ok: false, error: "That promotion no longer exists." };
    if (p.revertedAt) return { ok: false, error: "That promotion was already undone." };
    const { count } = await tx.offer.updateMany({
      where: { id: p.offerId, shop, version: p.promotedVersion },
      data: { definition: p.previousDefinition as Prisma.InputJsonValue, version: { increment: 1 } },
    });
    if (count === 0) return { ok: false, error: "The offer was edited after the promotion; undoing it would overwrite those edits. Restore the variants in the offer editor instead." };
    await tx.promotion.update({ where: { id: p.id }, data: { revertedAt: new Date() } });
    // Undoing an automatic promotion also turns auto-promote off, or the next run would promote again.
    await tx.experimentSettings.updateMany({ where: { shop, offerId: p.offerId }, data: { autoPromote: false } });
    return { ok: true, promotionId: p.id };
  });
}

export async function setAutoPromote(db: PrismaClient, shop: string, offerId: string, autoPromote: boolean): Promise<void> {
  await db.experimentSettings.upsert({ where: { shop_offerId: { shop, offerId } }, create: { shop, offerId, autoPromote }, update: { autoPromote } });
}

/** Days of data an automatic verdict looks at. */
export const AUTO_PROMOTE_WINDOW_DAYS = 90;

/**
 * The job's step: for every offer with auto-promote on and a verdict in
 * (minimum sample met, P >= 0.95), promote the winner once. Returns the shops
 * whose storefront config must be synced again.
 */
export async function runAutoPromotions(db: PrismaClient, now = Date.now()): Promise<Array<{ shop: string; offerId: string; arm: string }>> {
  const to = utcDay(now);
  const from = addDays(to, -AUTO_PROMOTE_WINDOW_DAYS);
  const promoted: Array<{ shop: string; offerId: string; arm: string }> = [];
  for (const s of await db.experimentSettings.findMany({ where: { autoPromote: true } })) {
    const r = await experimentResults(db, s.shop, s.offerId, from, to);
    if (r.verdict.kind !== "WINNER" || !r.controlArm) continue;
    const out = await promoteVariant(db, s.shop, s.offerId, r.verdict.arm, "AUTO", { pBeatsControl: r.verdict.pBeatsControl, from, to });
    if (out.ok) promoted.push({ shop: s.shop, offerId: s.offerId, arm: r.verdict.arm });
  }
  return promoted;
}
