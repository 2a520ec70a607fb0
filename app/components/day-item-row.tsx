import type { ReactNode } from "react";
import type { DayRow } from "~/route-handlers/day-rows";
import { ClassRow } from "./class-row";

/** A class or a 1:1 session in a day's list; a pending session says so where the places would be. */
export function DayItemRow({ row, className, note }: { row: DayRow; className?: string; note?: ReactNode }) {
  const { kind, pending, ...shown } = row;
  if (kind === "class") return <ClassRow {...shown} className={className} note={note} />;
  return (
    <ClassRow
      {...shown}
      className={["is-session", className].filter(Boolean).join(" ")}
      note={note}
      aside={pending ? <span className="badge status-pending">Pending</span> : "1:1"}
    />
  );
}
