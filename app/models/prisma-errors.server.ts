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
