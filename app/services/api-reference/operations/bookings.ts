import type { ApiOperation } from "../operation";

export const BOOKINGS_OPERATIONS: ApiOperation[] = [];
