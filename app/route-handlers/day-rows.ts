import type { DayItem } from "~/services/booking/day-views.server";

/** One class or 1:1 session as a row of Today or the Calendar: only what the row shows. */
export function toDayRow(item: DayItem & { clock: string | null }, severalLocations: boolean) {
  const where = severalLocations ? item.location : null;
  const shared = { id: item.id, time: item.time, endTime: item.endTime, clock: item.clock, cancelled: item.cancelled };
  if (item.kind === "class")
    return {
      ...shared,
      kind: item.kind,
      name: item.name,
      details: [item.instructor, where].filter(Boolean).join(" · "),
      spotsLeft: item.spotsLeft,
      href: `/schedule/${item.id}`,
      pending: false,
    };
  return {
    ...shared,
    kind: item.kind,
    // Who is coming, to those who may see it; the booking opens for the same people.
    name: item.client ?? "1:1 session",
    details: [item.name, item.instructor, where].filter(Boolean).join(" · "),
    spotsLeft: 0,
    href: item.client === null ? null : `/bookings/${item.id}`,
    pending: item.status === "pending",
  };
}
export type DayRow = ReturnType<typeof toDayRow>;
