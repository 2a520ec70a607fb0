import type { RevenueGrouping } from "~/models/revenue-report.server";

/** What a revenue group is called, for the page (which runs in the browser too) and the CSV's first column. */
export const GROUPING_WORDS: Record<RevenueGrouping, string> = {
  location: "Location",
  service: "Service",
  instructor: "Instructor",
};
