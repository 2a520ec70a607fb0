import { dayDate, fullDate } from "~/services/shared/date-words";

/** The facts behind a client's churn risk, as the churn query counts them. */
export type ChurnFacts = {
  baselineVisits: number;
  recentVisits: number;
  lastVisitDate: string | null;
  daysSinceLastVisit: number | null;
  dropped: boolean;
  inactive: boolean;
  expiringCredits: number;
  firstExpiryDate: string | null;
  lastExpiryDate: string | null;
};

/** How often someone came over the 12 weeks before the last 4: "weekly", "about twice a week". */
export function habitWords(baselineVisits: number): string {
  const perWeek = baselineVisits / 12;
  if (perWeek >= 2.5) return `about ${Math.round(perWeek)} times a week`;
  if (perWeek >= 1.75) return "about twice a week";
  if (perWeek >= 0.75) return "weekly";
  return "about every two weeks";
}

function recentWords(recentVisits: number): string {
  if (recentVisits === 0) return "nothing for 4 weeks";
  if (recentVisits === 1) return "once in the last 4 weeks";
  if (recentVisits === 2) return "twice in the last 4 weeks";
  return `${recentVisits} times in the last 4 weeks`;
}

/** A visit in the last half year reads "Monday 12 October"; older ones carry their year. */
function visitDay(date: string, daysSince: number): string {
  return daysSince < 180 ? dayDate(date) : fullDate(date);
}

function creditWords(credits: number, first: string, last: string): string {
  const what = credits === 1 ? "1 credit expires" : `${credits} credits expire`;
  if (first === last) return `${what} on ${dayDate(first)} unused`;
  return `${what} between ${dayDate(first)} and ${dayDate(last)} unused`;
}

/**
 * Each reason a client is at risk, in the words staff read: "Came weekly for 3 months, nothing
 * for 4 weeks", "No booking for 45 days (last visit Monday 12 October)", "3 credits expire on
 * Friday 18 December unused".
 */
export function churnReasons(facts: ChurnFacts): string[] {
  const reasons: string[] = [];
  if (facts.dropped)
    reasons.push(`Came ${habitWords(facts.baselineVisits)} for 3 months, ${recentWords(facts.recentVisits)}`);
  if (facts.inactive && facts.lastVisitDate !== null && facts.daysSinceLastVisit !== null)
    reasons.push(
      `No booking for ${facts.daysSinceLastVisit} days (last visit ${visitDay(facts.lastVisitDate, facts.daysSinceLastVisit)})`,
    );
  if (facts.expiringCredits > 0 && facts.firstExpiryDate && facts.lastExpiryDate)
    reasons.push(creditWords(facts.expiringCredits, facts.firstExpiryDate, facts.lastExpiryDate));
  return reasons;
}
