import type { ApiOperation } from "../operation";

export const MONEY_OPERATIONS: ApiOperation[] = [];
