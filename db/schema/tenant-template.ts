// Read only by drizzle-kit: tenant migrations are generated against this template schema and
// the migrator substitutes each studio's schema name when it applies them (db/migrator.ts).
import { tenantTables } from "./tenant";

export const TEMPLATE_SCHEMA = "tenant_template";
export const {
  schema,
  locations,
  users,
  authTokens,
  sessions,
  clientInstructors,
  studioSettings,
  parqResponses,
  apiTokens,
  signInFailures,
  outboxMessages,
  services,
  instructorAvailability,
  availabilityExceptions,
  travelTimes,
  classSeries,
  occurrences,
  instructorCommitments,
  calendarFeeds,
  bookings,
  packages,
  creditGrants,
  creditLedger,
  idempotencyKeys,
  domainEvents,
  payments,
  refunds,
  waitlistEntries,
  bookingRequests,
  introSignups,
  classNotes,
  clientCards,
} = tenantTables(TEMPLATE_SCHEMA);
