import type { ApiOperation } from "../operation";
import { AUTH_OPERATIONS } from "./auth";
import { BOOKINGS_OPERATIONS } from "./bookings";
import { CATALOGUE_OPERATIONS } from "./catalogue";
import { DOCUMENTATION_OPERATIONS } from "./documentation";
import { INSTRUCTORS_OPERATIONS } from "./instructors";
import { MONEY_OPERATIONS } from "./money";
import { PEOPLE_OPERATIONS } from "./people";
import { REQUESTS_OPERATIONS } from "./requests";
import { SMS_OPERATIONS } from "./sms";

/** Every operation of the API, in the order the reference page shows their tags. */
export const API_OPERATIONS: ApiOperation[] = [
  ...DOCUMENTATION_OPERATIONS,
  ...AUTH_OPERATIONS,
  ...BOOKINGS_OPERATIONS,
  ...REQUESTS_OPERATIONS,
  ...CATALOGUE_OPERATIONS,
  ...INSTRUCTORS_OPERATIONS,
  ...PEOPLE_OPERATIONS,
  ...MONEY_OPERATIONS,
  ...SMS_OPERATIONS,
];
