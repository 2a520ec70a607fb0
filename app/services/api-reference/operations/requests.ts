import type { ApiOperation } from "../operation";

export const REQUESTS_OPERATIONS: ApiOperation[] = [];
