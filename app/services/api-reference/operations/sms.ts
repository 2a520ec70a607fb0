import type { ApiOperation } from "../operation";

export const SMS_OPERATIONS: ApiOperation[] = [];
