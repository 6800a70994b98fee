import type {Risk} from '@tf/sdk';

/** One row of the generated table: [Web API method, type, risk, description]. */
export type GeneratedMethod = readonly [method: string, type: string, risk: Risk, description: string];
