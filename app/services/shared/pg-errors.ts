/**
 * Recognising the refusals the database makes on our behalf (constraints are where the booking
 * invariants live). Drizzle wraps the driver's error, so look at its cause first.
 */
type PgError = { code?: string; constraint_name?: string };

function pgError(error: unknown): PgError | undefined {
  const e = (error as { cause?: unknown })?.cause ?? error;
  return typeof e === "object" && e !== null ? (e as PgError) : undefined;
}

/**
 * An EXCLUDE constraint refused the row (an instructor's overlapping time), or the trigger that
 * keeps a session's buffer and journeys clear did (constraint `instructor_commitments_gap`,
 * raised with the same code: to whoever books, both mean the time is taken).
 */
export function isExclusionViolation(error: unknown): boolean {
  return pgError(error)?.code === "23P01";
}

/** The named CHECK constraint refused the change. */
export function isCheckViolation(error: unknown, constraint: string): boolean {
  const e = pgError(error);
  return e?.code === "23514" && e.constraint_name === constraint;
}

/** The named unique index refused the row. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = pgError(error);
  return e?.code === "23505" && e.constraint_name === constraint;
}

/** PostgreSQL gave up on the transaction (deadlock or serialization failure): worth trying again. */
export function isRetryable(error: unknown): boolean {
  const code = pgError(error)?.code;
  return code === "40P01" || code === "40001";
}
