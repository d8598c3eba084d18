import { z } from "zod";
import { addDays, utcDay } from "./day";

/** The analytics views' period: the last N UTC days including today. */
export const PERIODS = ["7", "30", "90"] as const;
export const periodSchema = z.enum(PERIODS).catch("30");

export function periodRange(period: (typeof PERIODS)[number], now = Date.now()): { from: string; to: string } {
  const to = utcDay(now);
  return { from: addDays(to, -(Number(period) - 1)), to };
}
