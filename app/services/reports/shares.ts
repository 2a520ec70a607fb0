/**
 * A share of a whole, such as an attendance rate: a fraction to four places (0.6667) for the
 * API and the tests, or null when there is nothing to divide by, which is not the same as 0.
 */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** "66.7%" on a page; a dash when there was nothing to count. */
export function percentText(share: number | null): string {
  return share === null ? "–" : `${percentFigure(share)}%`;
}

/** "66.7" in a CSV column headed "(%)", empty when there was nothing to count. */
export function percentFigure(share: number | null): string {
  if (share === null) return "";
  return (Math.round(share * 1000) / 10).toFixed(1).replace(/\.0$/, "");
}
