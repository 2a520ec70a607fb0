import * as rows from "~/models/studio-export.server";
import { csvMoney } from "~/services/payments/csv";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { type OperatingHours, WEEKDAYS } from "~db/schema/tenant";

type Reader<Row> = (x: Executor, tenant: Tenant, after: string | null, size: number) => Promise<Row[]>;

/** One column of one file: its name in the CSV header, what it means (for README.txt), its text. */
type Column<Row> = { name: string; meaning: string; value: (row: Row) => string };

/**
 * One CSV file of the export. The header, the rows and the README's description all come from
 * `columns`, so the README cannot drift from what the file holds.
 */
export type ExportFile = {
  name: string;
  about: string;
  columns: { name: string; meaning: string }[];
  /** The next page's lines after the row with this id (null: from the start), and that page's last id. */
  page: (
    x: Executor,
    tenant: Tenant,
    after: string | null,
    size: number,
  ) => Promise<{ lines: string[][]; last: string | null }>;
};

function file<Row extends { id: string }>(
  name: string,
  about: string,
  read: Reader<Row>,
  columns: Column<Row>[],
): ExportFile {
  return {
    name,
    about,
    columns: columns.map(({ name, meaning }) => ({ name, meaning })),
    async page(x, tenant, after, size) {
      const found = await read(x, tenant, after, size);
      return {
        lines: found.map((row) => columns.map((c) => c.value(row))),
        last: found.length === size ? (found.at(-1)?.id ?? null) : null,
      };
    },
  };
}

const col = <Row>(name: string, meaning: string, value: (row: Row) => string): Column<Row> => ({
  name,
  meaning,
  value,
});

const text = (value: string | number | null) => (value === null ? "" : String(value));
const instant = (value: Date | null) => (value ? value.toISOString() : "");
const yesNo = (value: boolean) => (value ? "yes" : "no");

/**
 * Messages whose body held a one-time link (it signs in, resets a password, joins the team,
 * confirms an email address, takes an offered place or accepts a proposed time): still live for a while, so the export
 * says what they were and leaves the body out.
 */
const ONE_TIME_LINKS: Record<string, string> = {
  "sign-in-link": "a sign-in link",
  "password-reset": "a password-reset link",
  "staff-invitation": "an invitation link",
  "verify-email": "a link to confirm an email address",
  waitlist_offer: "a link to take an offered place",
  request_proposed: "a link to accept a proposed time",
};

function messageBody(template: string, body: string): string {
  const link = ONE_TIME_LINKS[template];
  return link ? `(contained ${link}; not exported)` : body;
}

function openingHours(hours: OperatingHours): string {
  return WEEKDAYS.map((day) => {
    const open = hours[day];
    return `${day} ${open ? `${open.open}-${open.close}` : "closed"}`;
  }).join("; ");
}

const ID = "Its id: other files refer to it by this.";
const UTC = "(ISO 8601, UTC)";

/** Every file of the export, in the order they are written. */
export function exportFiles(currency: string): ExportFile[] {
  const money = (minor: number) => csvMoney(minor);
  return [
    file("clients.csv", "Everyone who books with the studio.", rows.listExportClients, [
      col("id", ID, (r) => r.id),
      col("name", "Full name.", (r) => r.fullName),
      col("email", "Email address.", (r) => r.email),
      col("phone", "Phone number, if given.", (r) => text(r.phone)),
      col("status", "active, invited or deactivated.", (r) => r.status),
      col("home_location_id", "The location they mostly come to (see locations.csv).", (r) => text(r.homeLocationId)),
      col("home_location", "That location's name.", (r) => text(r.homeLocationName)),
      col("booking_permission", "standard, vip or restricted.", (r) => r.bookingPermissions),
      col("emergency_contact_name", "Who to call in an emergency.", (r) => text(r.emergencyContactName)),
      col("emergency_contact_phone", "Their phone number.", (r) => text(r.emergencyContactPhone)),
      col("notes", "What staff wrote about the client.", (r) => text(r.notes)),
      col("marketing_consent", "yes if they agreed to marketing messages.", (r) => yesNo(r.marketingConsent)),
      col("message_channels", "How they hear about bookings: email, sms or both.", (r) => r.messageChannels),
      col("discount_percent", "Their standing discount on purchases, in percent.", (r) => text(r.discountPercent)),
      col("joined_at", `When the account was made ${UTC}.`, (r) => instant(r.createdAt)),
    ]),
    file(
      "team.csv",
      "The studio's staff: owner, managers, instructors, trainers, front desk, finance.",
      rows.listExportTeam,
      [
        col("id", ID, (r) => r.id),
        col("name", "Full name.", (r) => r.fullName),
        col("email", "Email address.", (r) => r.email),
        col("phone", "Phone number, if given.", (r) => text(r.phone)),
        col(
          "role",
          "org_owner, location_manager, instructor, trainer, receptionist or finance_manager.",
          (r) => r.role,
        ),
        col("status", "active, invited or deactivated.", (r) => r.status),
        col("locations", "The locations they work at, separated by semicolons.", (r) => r.locationNames),
        col("joined_at", `When the account was made ${UTC}.`, (r) => instant(r.createdAt)),
      ],
    ),
    file("locations.csv", "The studio's locations.", rows.listExportLocations, [
      col("id", ID, (r) => r.id),
      col("name", "Name.", (r) => r.name),
      col("address_line1", "Address, first line.", (r) => r.address.line1),
      col("address_line2", "Address, second line.", (r) => r.address.line2 ?? ""),
      col("city", "City.", (r) => r.address.city),
      col("postcode", "Postcode.", (r) => r.address.postcode),
      col("country", "Country (ISO code).", (r) => r.address.country),
      col("time_zone", "The IANA time zone its local times are in.", (r) => r.timezone),
      col("opening_hours", "Opening hours by weekday, local time.", (r) => openingHours(r.operatingHours)),
      col("latitude", "Latitude, if set.", (r) => text(r.latitude)),
      col("longitude", "Longitude, if set.", (r) => text(r.longitude)),
      col("active", "yes while the location takes bookings.", (r) => yesNo(r.isActive)),
      col("created_at", `When it was added ${UTC}.`, (r) => instant(r.createdAt)),
    ]),
    file("services.csv", "What the studio runs: 1:1 sessions and classes.", rows.listExportServices, [
      col("id", ID, (r) => r.id),
      col("name", "Name.", (r) => r.name),
      col("description", "Description shown to clients.", (r) => r.description),
      col("type", "session (1:1) or class.", (r) => r.type),
      col("duration_minutes", "Length in minutes.", (r) => text(r.durationMinutes)),
      col("capacity", "Classes: default number of places.", (r) => text(r.capacity)),
      col("price", "Price, as a decimal in the currency column.", (r) => money(r.priceMinor)),
      col("currency", "Currency of the price (ISO 4217).", () => currency),
      col("locations", "Where it runs, separated by semicolons.", (r) => r.locationNames),
      col("booking_mode", "self_booking, instructor_led, admin_only or hybrid.", (r) => r.bookingMode),
      col("cancellation_window_hours", "Hours before the start a client may cancel.", (r) =>
        text(r.cancellationWindowHours),
      ),
      col("requires_credit", "yes if booking spends a credit.", (r) => yesNo(r.requiresCredit)),
      col("archived_at", `When it was archived ${UTC}; empty if current.`, (r) => instant(r.archivedAt)),
      col("created_at", `When it was added ${UTC}.`, (r) => instant(r.createdAt)),
    ]),
    file("packages.csv", "What clients buy credits in.", rows.listExportPackages, [
      col("id", ID, (r) => r.id),
      col("name", "Name.", (r) => r.name),
      col("credits", "Credits it gives.", (r) => text(r.credits)),
      col("price", "Price, as a decimal in the currency column.", (r) => money(r.priceMinor)),
      col("currency", "Currency of the price (ISO 4217).", () => currency),
      col("valid_days", "Days the credits last.", (r) => text(r.validDays)),
      col("locations", "Where the credits can be used (empty: everywhere).", (r) => r.locationNames),
      col("services", "What they can be used for (empty: everything).", (r) => r.serviceNames),
      col("intro_offer", "yes if it is the intro offer for new clients.", (r) => yesNo(r.introOffer)),
      col("archived_at", `When it was archived ${UTC}; empty if on sale.`, (r) => instant(r.archivedAt)),
      col("created_at", `When it was added ${UTC}.`, (r) => instant(r.createdAt)),
    ]),
    file("classes.csv", "Recurring classes: the weekly pattern class dates come from.", rows.listExportClassSeries, [
      col("id", ID, (r) => r.id),
      col("service_id", "The service (see services.csv).", (r) => r.serviceId),
      col("service", "The service's name.", (r) => r.serviceName),
      col("instructor_id", "Who teaches it (see team.csv).", (r) => r.instructorId),
      col("instructor", "Their name.", (r) => r.instructorName),
      col("location_id", "Where (see locations.csv).", (r) => r.locationId),
      col("location", "The location's name.", (r) => r.locationName),
      col("weekday", "ISO weekday: 1 Monday to 7 Sunday.", (r) => text(r.weekday)),
      col("start_time", "Start, local time at the location.", (r) => r.startTime),
      col("end_time", "End, local time at the location.", (r) => r.endTime),
      col("capacity", "Places.", (r) => text(r.capacity)),
      col("every_weeks", "Runs every this many weeks.", (r) => text(r.intervalWeeks)),
      col("valid_from", "First date (local).", (r) => r.validFrom),
      col("valid_until", "Last date (local); empty if open-ended.", (r) => text(r.validUntil)),
      col("archived_at", `When it was archived ${UTC}.`, (r) => instant(r.archivedAt)),
      col("created_at", `When it was added ${UTC}.`, (r) => instant(r.createdAt)),
    ]),
    file("class-dates.csv", "Every dated class: one row per class on a day.", rows.listExportOccurrences, [
      col("id", ID, (r) => r.id),
      col("class_id", "The recurring class it belongs to (see classes.csv); empty for a one-off.", (r) =>
        text(r.seriesId),
      ),
      col("service_id", "The service (see services.csv).", (r) => r.serviceId),
      col("service", "The service's name.", (r) => r.serviceName),
      col("location_id", "Where (see locations.csv).", (r) => r.locationId),
      col("location", "The location's name.", (r) => r.locationName),
      col("instructor_id", "Who teaches it (see team.csv).", (r) => r.instructorId),
      col("instructor", "Their name.", (r) => r.instructorName),
      col("starts_at", `Start ${UTC}.`, (r) => instant(r.startsAt)),
      col("starts_local", "Start, local time at the location.", (r) => r.startsLocal),
      col("ends_at", `End ${UTC}.`, (r) => instant(r.endsAt)),
      col("ends_local", "End, local time at the location.", (r) => r.endsLocal),
      col("capacity", "Places.", (r) => text(r.capacity)),
      col("booked_places", "Places taken when exported.", (r) => text(r.bookedSpots)),
      col("status", "scheduled or cancelled.", (r) => r.status),
      col("cancel_reason", "Why it was cancelled.", (r) => text(r.cancelReason)),
    ]),
    file("bookings.csv", "Every booking, cancelled ones included.", rows.listExportBookings, [
      col("id", ID, (r) => r.id),
      col("client_id", "Who booked (see clients.csv).", (r) => r.clientId),
      col("client", "Their name.", (r) => r.clientName),
      col("service_id", "What (see services.csv).", (r) => r.serviceId),
      col("service", "The service's name.", (r) => r.serviceName),
      col("location_id", "Where (see locations.csv).", (r) => r.locationId),
      col("location", "The location's name.", (r) => r.locationName),
      col("instructor_id", "With whom (see team.csv).", (r) => r.instructorId),
      col("instructor", "Their name.", (r) => r.instructorName),
      col("class_date_id", "The class (see class-dates.csv); empty for a 1:1 session.", (r) => text(r.occurrenceId)),
      col("starts_at", `Start ${UTC}.`, (r) => instant(r.startsAt)),
      col("starts_local", "Start, local time at the location.", (r) => r.startsLocal),
      col("ends_at", `End ${UTC}.`, (r) => instant(r.endsAt)),
      col("ends_local", "End, local time at the location.", (r) => r.endsLocal),
      col(
        "status",
        "pending, confirmed, checked_in, completed, no_show, cancelled or awaiting_payment.",
        (r) => r.status,
      ),
      col("booked_by", "self_booked, instructor_created or admin_created.", (r) => r.bookingMethod),
      col("places", "Places this booking takes.", (r) => text(r.spotsBooked)),
      col("notes", "Notes on the booking.", (r) => text(r.notes)),
      col("booked_at", `When it was made ${UTC}.`, (r) => instant(r.createdAt)),
      col("cancelled_at", `When it was cancelled ${UTC}.`, (r) => instant(r.cancelledAt)),
      col("cancel_reason", "Why.", (r) => text(r.cancelReason)),
      col("late_cancellation", "yes if cancelled late and the credit kept.", (r) => yesNo(r.creditForfeited)),
      col("checked_in_at", `When the client checked in ${UTC}.`, (r) => instant(r.checkedInAt)),
      col("attendance_note", "What staff noted when marking attendance.", (r) => text(r.attendanceNote)),
      col("rescheduled_from_id", "The booking this one replaced, if moved.", (r) => text(r.rescheduledFromId)),
    ]),
    file("credit-grants.csv", "Credits each client holds or held.", rows.listExportCreditGrants, [
      col("id", ID, (r) => r.id),
      col("client_id", "Whose (see clients.csv).", (r) => r.clientId),
      col("client", "Their name.", (r) => r.clientName),
      col("package_id", "The package bought (see packages.csv); empty if given by staff.", (r) => text(r.packageId)),
      col("name", "What the credits are called.", (r) => r.name),
      col("locations", "Where they can be used (empty: everywhere).", (r) => r.locationNames),
      col("services", "What for (empty: everything).", (r) => r.serviceNames),
      col("remaining", "Credits left when exported.", (r) => text(r.remaining)),
      col("expires_at", `When they expire ${UTC}.`, (r) => instant(r.expiresAt)),
      col("granted_at", `When they were given ${UTC}.`, (r) => instant(r.createdAt)),
    ]),
    file("credit-ledger.csv", "Every credit movement: given, spent, returned, adjusted.", rows.listExportCreditLedger, [
      col("id", ID, (r) => r.id),
      col("at", `When ${UTC}.`, (r) => instant(r.createdAt)),
      col("client_id", "Whose credits (see clients.csv).", (r) => r.clientId),
      col("client", "Their name.", (r) => r.clientName),
      col("grant_id", "Which credits (see credit-grants.csv).", (r) => r.grantId),
      col("booking_id", "The booking it was for, if any (see bookings.csv).", (r) => text(r.bookingId)),
      col("change", "Credits added (positive) or taken (negative).", (r) => text(r.delta)),
      col("kind", "grant, spend, refund or adjustment.", (r) => r.kind),
      col("reason", "Why.", (r) => r.reason),
      col("by", "Who made the change; empty if automatic.", (r) => text(r.actorName)),
    ]),
    file("payments.csv", "Every payment, whatever became of it.", rows.listExportPayments, [
      col("id", ID, (r) => r.id),
      col("created_at", `When it was started ${UTC}.`, (r) => instant(r.createdAt)),
      col("paid_at", `When it went through ${UTC}; empty if it did not.`, (r) => instant(r.paidAt)),
      col("client_id", "Who paid (see clients.csv).", (r) => r.clientId),
      col("client", "Their name.", (r) => r.clientName),
      col("what", "What it was for, as on the receipt.", (r) => r.description),
      col("kind", "package, booking, other or no_show_fee.", (r) => r.kind),
      col("method", "online_card, desk_card, cash or terminal.", (r) => r.method),
      col("status", "open, succeeded, failed or expired.", (r) => r.status),
      col("amount", "Amount, as a decimal in the currency column.", (r) => money(r.amountMinor)),
      col("platform_fee", "The platform's fee taken from it.", (r) => money(r.applicationFeeMinor)),
      col("refunded", "How much of it has been refunded (see refunds.csv).", (r) => money(r.refundedMinor)),
      col("currency", "Currency (ISO 4217).", (r) => r.currency),
      col("package_id", "The package bought, if any.", (r) => text(r.packageId)),
      col("booking_id", "The booking paid for, if any.", (r) => text(r.bookingId)),
      col("credit_grant_id", "The credits it gave, if any.", (r) => text(r.creditGrantId)),
      col("location_id", "Where it was taken.", (r) => text(r.locationId)),
      col("location", "That location's name.", (r) => text(r.locationName)),
      col("taken_by", "Who took it.", (r) => r.takenByName),
      col("reason", "Cash or terminal: what staff wrote.", (r) => text(r.reason)),
      col("stripe_payment_intent", "Stripe's id for an online payment.", (r) => text(r.stripePaymentIntentId)),
      col("stripe_charge", "Stripe's charge id.", (r) => text(r.stripeChargeId)),
      col("disputed_at", `When a chargeback was opened ${UTC}.`, (r) => instant(r.disputedAt)),
      col("dispute_reason", "The chargeback's reason.", (r) => text(r.disputeReason)),
    ]),
    file("refunds.csv", "Money given back, each refund of a payment.", rows.listExportRefunds, [
      col("id", ID, (r) => r.id),
      col("at", `When ${UTC}.`, (r) => instant(r.createdAt)),
      col("payment_id", "The payment refunded (see payments.csv).", (r) => r.paymentId),
      col("client", "Who paid it.", (r) => r.clientName),
      col("amount", "Amount given back, as a decimal in the currency column.", (r) => money(r.amountMinor)),
      col("currency", "Currency (ISO 4217).", (r) => r.currency),
      col("status", "pending, succeeded or failed.", (r) => r.status),
      col("reason", "Why.", (r) => r.reason),
      col("credits_removed", "Unused credits taken back with it.", (r) => text(r.creditsRemoved)),
      col("stripe_refund", "Stripe's refund id.", (r) => text(r.stripeRefundId)),
      col("by", "Who refunded; empty if done in Stripe.", (r) => text(r.actorName)),
    ]),
    file("messages.csv", "Every email and SMS the studio sent or tried to send.", rows.listExportMessages, [
      col("id", ID, (r) => r.id),
      col("created_at", `When it was written ${UTC}.`, (r) => instant(r.createdAt)),
      col("channel", "email or sms.", (r) => r.channel),
      col("recipient", "The address or number.", (r) => r.recipient),
      col("person_id", "Who it was for (clients.csv or team.csv).", (r) => text(r.userId)),
      col("person", "Their name.", (r) => text(r.userName)),
      col("template", "Which kind of message.", (r) => r.template),
      col("subject", "Email subject.", (r) => text(r.subject)),
      col(
        "body",
        "The text. Messages that carried a one-time link (sign-in, password reset, invitation, waitlist offer, proposed time) are not exported: the cell says so.",
        (r) => messageBody(r.template, r.body),
      ),
      col(
        "status",
        "pending, sending, sent, delivered, undeliverable, retrying, failed, not_sent or unconfirmed.",
        (r) => r.status,
      ),
      col("attempts", "Delivery attempts.", (r) => text(r.attempts)),
      col("booking_id", "The booking it was about, if any.", (r) => text(r.bookingId)),
      col("sent_at", `When the provider accepted it ${UTC}.`, (r) => instant(r.sentAt)),
      col("delivered_at", `When it was confirmed delivered ${UTC}.`, (r) => instant(r.deliveredAt)),
      col("last_error", "The last delivery error.", (r) => text(r.lastError)),
    ]),
    file("waitlist.csv", "Clients in line for full classes, past and present.", rows.listExportWaitlistEntries, [
      col("id", ID, (r) => r.id),
      col("class_date_id", "The class (see class-dates.csv).", (r) => r.occurrenceId),
      col("service", "The class's service.", (r) => r.serviceName),
      col("starts_at", `The class's start ${UTC}.`, (r) => instant(r.startsAt)),
      col("client_id", "Who (see clients.csv).", (r) => r.clientId),
      col("client", "Their name.", (r) => r.clientName),
      col("status", "waiting, offered, booked, left, declined, expired, removed or closed.", (r) => r.status),
      col("joined_at", `When they joined ${UTC}.`, (r) => instant(r.joinedAt)),
      col("offered_at", `When a place was offered ${UTC}.`, (r) => instant(r.offeredAt)),
      col("offer_expires_at", `When the offer ran out ${UTC}.`, (r) => instant(r.offerExpiresAt)),
      col("answered_at", `When they answered ${UTC}.`, (r) => instant(r.answeredAt)),
      col("booking_id", "The booking it became, if any.", (r) => text(r.bookingId)),
      col("end_reason", "Why it ended.", (r) => text(r.endReason)),
    ]),
    file(
      "booking-requests.csv",
      "Clients' requests for a session with an instructor.",
      rows.listExportBookingRequests,
      [
        col("id", ID, (r) => r.id),
        col("created_at", `When it was made ${UTC}.`, (r) => instant(r.createdAt)),
        col("client_id", "Who asked (see clients.csv).", (r) => r.clientId),
        col("client", "Their name.", (r) => r.clientName),
        col("service_id", "What for (see services.csv).", (r) => r.serviceId),
        col("service", "The service's name.", (r) => r.serviceName),
        col("location", "Where.", (r) => r.locationName),
        col("requested_instructor", "The instructor asked for; empty if anyone.", (r) =>
          text(r.requestedInstructorName),
        ),
        col("instructor", "Whose queue it is in; empty if every instructor's.", (r) => text(r.instructorName)),
        col("preferred_times", `Times the client offered ${UTC}, separated by semicolons.`, (r) =>
          r.preferredTimes.map((d) => instant(d)).join("; "),
        ),
        col("notes", "What the client wrote.", (r) => r.notes),
        col("status", "pending, proposed, accepted, declined, expired or withdrawn.", (r) => r.status),
        col("proposed_starts_at", `A time the instructor proposed instead ${UTC}.`, (r) => instant(r.proposedStartsAt)),
        col("response_note", "What the instructor wrote back.", (r) => text(r.responseNote)),
        col("responded_at", `When ${UTC}.`, (r) => instant(r.respondedAt)),
        col("booking_id", "The booking it became, if any.", (r) => text(r.bookingId)),
        col("expires_at", `When it expires unanswered ${UTC}.`, (r) => instant(r.expiresAt)),
      ],
    ),
    file("parq-answers.csv", "Health questionnaire (PAR-Q) answers, every one kept.", rows.listExportParqResponses, [
      col("id", ID, (r) => r.id),
      col("client_id", "Whose (see clients.csv).", (r) => r.clientId),
      col("client", "Their name.", (r) => r.clientName),
      col("answers", "yes or no to each question in order, separated by semicolons.", (r) =>
        r.answers.map(yesNo).join("; "),
      ),
      col("any_yes", "yes if any answer was yes.", (r) => yesNo(r.anyYes)),
      col("declaration_name", "The name they signed with.", (r) => r.declarationName),
      col("declared_on", "The date they signed (local).", (r) => r.declaredOn),
      col("recorded_at", `When it was recorded ${UTC}.`, (r) => instant(r.createdAt)),
    ]),
    file("class-notes.csv", "What instructors wrote about a class on its date.", rows.listExportClassNotes, [
      col("class_date_id", "The class (see class-dates.csv).", (r) => r.id),
      col("service", "The class's service.", (r) => r.serviceName),
      col("starts_at", `The class's start ${UTC}.`, (r) => instant(r.startsAt)),
      col("author", "Who wrote it.", (r) => r.authorName),
      col("note", "The note.", (r) => r.body),
      col("updated_at", `When it was last written ${UTC}.`, (r) => instant(r.updatedAt)),
    ]),
    file("intro-signups.csv", "New clients who took the intro offer.", rows.listExportIntroSignups, [
      col("id", ID, (r) => r.id),
      col("created_at", `When they signed up ${UTC}.`, (r) => instant(r.createdAt)),
      col("client_id", "Who (see clients.csv).", (r) => r.clientId),
      col("client", "Their name.", (r) => r.clientName),
      col("package", "The intro package.", (r) => r.packageName),
      col("service", "The service it is for.", (r) => r.serviceName),
      col("location", "Where.", (r) => r.locationName),
      col("payment_id", "Its payment, if paid online (see payments.csv).", (r) => text(r.paymentId)),
      col("pay_at_desk", "yes if they pay at the desk.", (r) => yesNo(r.payAtDesk)),
      col("preferred_days", "ISO weekdays they can come (1 Monday), separated by semicolons.", (r) =>
        r.preferredDays.join("; "),
      ),
      col("preferred_times_of_day", "morning, afternoon or evening, separated by semicolons.", (r) =>
        r.preferredDayParts.join("; "),
      ),
      col("notes", "What they wrote.", (r) => r.notes),
      col("status", "awaiting_payment, to_match, matched or cancelled.", (r) => r.status),
      col("booking_id", "Their first booking, once matched.", (r) => text(r.bookingId)),
      col("matched_at", `When they were matched ${UTC}.`, (r) => instant(r.matchedAt)),
      col("cancel_reason", "Why it was cancelled.", (r) => text(r.cancelReason)),
    ]),
  ];
}
