import type { ApiOperation } from "../operation";

export const PEOPLE_OPERATIONS: ApiOperation[] = [];
