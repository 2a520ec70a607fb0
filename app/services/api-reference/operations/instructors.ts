import type { ApiOperation } from "../operation";

export const INSTRUCTORS_OPERATIONS: ApiOperation[] = [];
