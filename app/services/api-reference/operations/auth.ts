import type { ApiOperation } from "../operation";

export const AUTH_OPERATIONS: ApiOperation[] = [];
