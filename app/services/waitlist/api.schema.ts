import { z } from "zod";
import { Id } from "~/services/schedule/queries.schema";

/** The waitlist API's bodies. */

/** POST /api/classes/:id/waitlist: staff name the client; a client joins for themselves. */
export const JoinWaitlistBody = z.object({ clientId: Id.optional() }).strict();

/** POST /api/waitlist. */
export const JoinWaitlistByClassBody = z.object({ classId: Id, clientId: Id.optional() }).strict();

/** DELETE /api/waitlist/:id: staff say why (kept with the entry); a client leaving need not. */
export const LeaveWaitlistBody = z.object({ reason: z.string().trim().max(300).optional() }).strict();
