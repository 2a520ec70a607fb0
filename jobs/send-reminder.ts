import type PgBoss from "pg-boss";
import { type ReminderJob, sendBookingReminder } from "../app/services/booking/notices.server";
import { tenantById } from "../app/services/tenancy/tenant.server";

/**
 * Due 24 h (email) or 2 h (SMS, outside quiet hours) before a booking. Idempotent: the message
 * it writes is keyed by booking, kind and start time, so a rerun writes nothing.
 */
export async function sendReminderJob(job: PgBoss.Job<ReminderJob>) {
  const tenant = await tenantById(job.data.studioId);
  if (!tenant) return "no_studio";
  return sendBookingReminder(tenant, job.data);
}
