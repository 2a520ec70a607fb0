import { type RefinementCtx, z } from "zod";
import { IsoDateSchema } from "./queries.schema";

/** The most days one schedule request covers: a month, whatever page size is asked for. */
export const MAX_RANGE_DAYS = 31;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * `?from=&to=`: local dates at the location, both days included. Either may be left out: the
 * range is then the week from `from` (today without either), or the week up to `to`.
 */
export const DateRangeFields = z.object({
  from: IsoDateSchema.optional().describe("First local day, YYYY-MM-DD (today when neither is sent)."),
  to: IsoDateSchema.optional().describe("Last local day, included (six days after `from` when left out)."),
});

/** A range runs forwards and covers at most `MAX_RANGE_DAYS` days. */
export function checkRange(range: { from?: string; to?: string }, ctx: RefinementCtx) {
  if (!range.from || !range.to) return;
  const days = dayNumber(range.to) - dayNumber(range.from) + 1;
  if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day is on or after the first" });
  else if (days > MAX_RANGE_DAYS)
    ctx.addIssue({ code: "custom", path: ["to"], message: `Ask for at most ${MAX_RANGE_DAYS} days at a time` });
}
