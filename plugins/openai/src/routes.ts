import {buildRoutes, type RouteSpec} from '@tf/sdk';
import {extraRoutes, riskOverrides, seedOverrides} from './overrides';
import {generatedRoutes} from './routes.generated';

/** The OpenAI route table: every route the SDK calls, under `/v1`, with the seed's names winning. */
export const openaiRoutes: RouteSpec[] = buildRoutes(generatedRoutes, [...seedOverrides, ...riskOverrides], extraRoutes);

/** Body fields copied into `parameters` wherever a request has them. */
export const OPENAI_BODY_PARAMS = ['model', 'stream', 'max_tokens', 'max_completion_tokens', 'max_output_tokens', 'n', 'purpose'];
