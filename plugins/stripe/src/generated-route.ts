import type {Risk} from '@tf/sdk';

/** One row of the generated table: [method, path template, type, risk, description, flags?]. */
export type GeneratedRoute = readonly [method: string, path: string, type: string, risk: Risk, description: string, flags?: string];
