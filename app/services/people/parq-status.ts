/** What staff without access to the answers may know about a client's health screening. */
export type ParqStatus = "missing" | "on_file" | "needs_review";

export function parqStatusOf(latestAnyYes: boolean | null | undefined): ParqStatus {
  if (latestAnyYes === null || latestAnyYes === undefined) return "missing";
  return latestAnyYes ? "needs_review" : "on_file";
}

export const PARQ_STATUS_LABELS: Record<ParqStatus, string> = {
  missing: "No health check",
  on_file: "Health check on file",
  needs_review: "Health check needs review",
};
