import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { BookingRowView } from "~/services/booking/views.server";

export type Refusal = { code: string; message: string };

/**
 * A booking "no" at the top of a form, in the engine's words, with the way forward when there
 * is one: buy credits, confirm the email address, fill in the health questionnaire, pick another time.
 */
export function RefusalAlert({ refusal, retry }: { refusal: Refusal | null | undefined; retry?: ReactNode }) {
  if (!refusal) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{refusal.message}</p>
      {refusal.code === "NO_CREDITS" ? (
        <p>
          <Link to="/packages">Buy a package</Link>
        </p>
      ) : null}
      {refusal.code === "EMAIL_NOT_VERIFIED" ? (
        <p>
          <Link to="/account#email-verification">Send me a new link</Link>
        </p>
      ) : null}
      {refusal.code === "PARQ_REQUIRED" ? (
        <p>
          <Link to="/account/health">Fill in the health questionnaire</Link>
        </p>
      ) : null}
      {retry && (refusal.code === "SLOT_TAKEN" || refusal.code === "SLOT_UNAVAILABLE") ? <p>{retry}</p> : null}
    </div>
  );
}

const STATUS_LABELS: Record<string, string> = {
  pending: "Waiting for confirmation",
  confirmed: "Confirmed",
  checked_in: "Checked in",
  completed: "Attended",
  no_show: "No-show",
  cancelled: "Cancelled",
  awaiting_payment: "Awaiting payment",
};

export function statusLabel(status: string) {
  return STATUS_LABELS[status] ?? status;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{statusLabel(status)}</span>;
}

/** One booking in a list; the whole row opens it, so the tap target is large. */
export function BookingRow({
  booking,
  show,
  showDate = true,
}: {
  booking: BookingRowView;
  /** A list of one day's bookings needs only the times. */
  showDate?: boolean;
  /** What the second line names: the instructor (a client's list) or the client (staff). */
  show: "instructor" | "client" | "both";
}) {
  const who =
    show === "client"
      ? `${booking.client.name} · with ${booking.instructor.name}`
      : show === "both"
        ? `${booking.client.name} · ${booking.instructor.name}`
        : `with ${booking.instructor.name}`;
  return (
    <li className={`booking-row is-${booking.status}`}>
      <Link to={`/bookings/${booking.id}`}>
        <span className="booking-when">
          {showDate ? <span className="booking-date">{booking.dateLabel}</span> : null}
          <span className="booking-time">
            {booking.time}–{booking.endTime}
          </span>
        </span>
        <span className="booking-name">
          {booking.serviceName}
          {booking.spots > 1 ? <span className="muted"> · {booking.spots} places</span> : null}
        </span>
        <span className="booking-details">
          {who} · {booking.location.name}
        </span>
        {booking.status === "confirmed" ? null : (
          <span className="booking-status">
            <StatusBadge status={booking.status} />
          </span>
        )}
      </Link>
    </li>
  );
}

const STEPS = ["Session", "Time", "Confirm"] as const;

/** Where the person is in the three steps; a step already done links back to it. */
export function BookingSteps({ current, back }: { current: number; back?: Record<number, string> }) {
  return (
    <ol className="steps" aria-label="Booking steps">
      {STEPS.map((label, index) => {
        const link = back?.[index];
        return (
          <li
            key={label}
            aria-current={index === current ? "step" : undefined}
            className={index < current ? "done" : ""}
          >
            <span className="step-number">{index + 1}</span>{" "}
            {link && index < current ? <Link to={link}>{label}</Link> : label}
          </li>
        );
      })}
    </ol>
  );
}

const PARTS = [
  { name: "Morning", until: "12:00" },
  { name: "Afternoon", until: "17:00" },
  { name: "Evening", until: "24:00" },
];

/** A day's free times in morning, afternoon and evening groups: short rows of large targets. */
export function SlotGroups({
  slots,
  link,
  day,
}: {
  slots: { startsAt: string; time: string }[];
  link: (startsAt: string) => string;
  day: string;
}) {
  let from = "00:00";
  const groups = PARTS.map((part) => {
    const group = { name: part.name, slots: slots.filter((s) => s.time >= from && s.time < part.until) };
    from = part.until;
    return group;
  }).filter((group) => group.slots.length > 0);
  return (
    <>
      {groups.map((group) => (
        <section key={group.name} className="slot-group" aria-label={group.name}>
          <h4>{group.name}</h4>
          <ul className="slots">
            {group.slots.map((slot) => (
              <li key={slot.startsAt}>
                <Link className="slot" to={link(slot.startsAt)} aria-label={`${slot.time}, ${day}`}>
                  {slot.time}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
