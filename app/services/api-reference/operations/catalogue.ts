import type { ApiOperation } from "../operation";

export const CATALOGUE_OPERATIONS: ApiOperation[] = [];
