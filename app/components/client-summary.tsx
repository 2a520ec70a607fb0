import { Link } from "@remix-run/react";
import { BOOKING_PERMISSION_LABELS } from "~/services/people/client.schema";
import type { ClientProfile } from "~/services/people/client.server";
import { PARQ_STATUS_LABELS } from "~/services/people/parq-status";

/**
 * What staff know about a client at a glance. `showEditable` adds the details that people who
 * can edit see in the form instead (an instructor's read-only view).
 */
export function ClientSummary({
  client,
  canReadParq,
  showEditable,
  credits,
}: {
  client: ClientProfile;
  canReadParq: boolean;
  showEditable: boolean;
  /** The credit balance, and whether this viewer may give and adjust credits. */
  credits?: { balance: number; canManage: boolean };
}) {
  const emergency = [client.emergencyContactName, client.emergencyContactPhone].filter(Boolean).join(", ");
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">Overview</h2>
      <dl className="details">
        {showEditable ? (
          <>
            <dt>Email</dt>
            <dd>
              <a href={`mailto:${client.email}`}>{client.email}</a>
            </dd>
            <dt>Phone</dt>
            <dd>{client.phone ? <a href={`tel:${client.phone}`}>{client.phone}</a> : "—"}</dd>
            <dt>Emergency contact</dt>
            <dd>{emergency || "—"}</dd>
            <dt>Booking permission</dt>
            <dd>{BOOKING_PERMISSION_LABELS[client.bookingPermissions]}</dd>
            <dt>Standing discount</dt>
            <dd>{client.discountPercent}%</dd>
            <dt>News and offers</dt>
            <dd>{client.marketingConsent ? "Yes" : "No"}</dd>
          </>
        ) : null}
        <dt>Messages</dt>
        <dd>{client.messages}</dd>
        <dt>Health check (PAR-Q)</dt>
        <dd className="parq-line">
          <span className={client.parq.status === "needs_review" ? "badge badge-warn" : undefined}>
            {PARQ_STATUS_LABELS[client.parq.status]}
          </span>
          {client.parq.lastDeclaredOn ? (
            <span className="muted">Last filled in {client.parq.lastDeclaredOn}</span>
          ) : null}
          {canReadParq && client.parq.status !== "missing" ? (
            <Link to={`/clients/${client.id}/health`}>Read the answers</Link>
          ) : null}
        </dd>
        {credits ? (
          <>
            <dt>Credits</dt>
            <dd className="credit-line">
              <span>{credits.balance}</span>
              <Link to={`/clients/${client.id}/credits`}>{credits.canManage ? "Manage credits" : "See credits"}</Link>
            </dd>
          </>
        ) : null}
        <dt>Instructors</dt>
        <dd>{client.instructors.map((i) => i.fullName).join(", ") || "None assigned"}</dd>
        <dt>Locations</dt>
        <dd>{client.locations.map((l) => l.name).join(", ") || "None yet"}</dd>
        <dt>Member since</dt>
        <dd>{client.memberSince}</dd>
        {showEditable ? (
          <>
            <dt>Notes</dt>
            <dd className="notes">{client.notes || "—"}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
