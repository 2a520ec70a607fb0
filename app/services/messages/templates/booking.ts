/** Every booking message, email and SMS, for the booking notices and the reminder job. */
export {
  bookingCancelledEmail,
  bookingConfirmedEmail,
  bookingMovedEmail,
  bookingRequestedEmail,
  reminderEmail,
} from "./booking-email";
export {
  bookingCancelledSms,
  bookingConfirmedSms,
  bookingMovedSms,
  bookingRequestedSms,
  cancelReplySms,
  reminderSms,
} from "./booking-sms";
export type { BookingFacts, EmailContent, StudioVoice } from "./facts";
