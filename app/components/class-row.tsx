import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** "3 spots left", "Full", "Started" or "Cancelled": what a glance at a schedule needs to know. */
export function spotsText(spotsLeft: number, cancelled: boolean, started = false) {
  if (cancelled) return "Cancelled";
  if (started) return "Started";
  if (spotsLeft <= 0) return "Full";
  return spotsLeft === 1 ? "1 spot left" : `${spotsLeft} spots left`;
}

/** One class in a list: the whole row opens its detail page, so the tap target is large. */
export function ClassRow({
  id,
  time,
  endTime,
  name,
  details,
  spotsLeft,
  cancelled,
  started = false,
  className,
  note,
  href,
  aside,
  clock,
}: {
  id: string;
  time: string;
  endTime: string;
  name: string;
  details: string;
  spotsLeft: number;
  cancelled: boolean;
  /** Already under way (or over): no longer bookable, whatever places are left. */
  started?: boolean;
  className?: string;
  /** A line under the row: a travel warning, "Next". */
  note?: ReactNode;
  /** Where the row leads, if not the class's page; null: nowhere this person may go. */
  href?: string | null;
  /** What the right-hand column says instead of the places left. */
  aside?: ReactNode;
  /** Whose clock the times are on ("New York time"), when a list mixes several. */
  clock?: string | null;
}) {
  const state = cancelled ? " is-cancelled" : started ? " is-started" : spotsLeft <= 0 ? " is-full" : "";
  const body = (
    <>
      <span className="class-time">
        {time}–{endTime}
        {clock ? <span className="class-clock">{clock}</span> : null}
      </span>
      <span className="class-name">{name}</span>
      <span className="class-details">{details}</span>
      <span className="class-spots">{aside ?? spotsText(spotsLeft, cancelled, started)}</span>
      {note ? <span className="class-note">{note}</span> : null}
    </>
  );
  return (
    <li className={`class-row${state}${className ? ` ${className}` : ""}`}>
      {href === null ? (
        <div className="class-row-body">{body}</div>
      ) : (
        <Link to={href ?? `/schedule/${id}`}>{body}</Link>
      )}
    </li>
  );
}
