import {buildRoutes, type RouteSpec} from '@tf/sdk';
import {contractOverrides, extraRoutes} from './overrides';
import {generatedRoutes} from './routes.generated';

/** The Anthropic route table: every route the SDK (beta included) calls, with the contract's names winning. */
export const anthropicRoutes: RouteSpec[] = buildRoutes(generatedRoutes, contractOverrides, extraRoutes);

/** Body fields copied into `parameters` wherever a request has them. */
export const ANTHROPIC_BODY_PARAMS = ['model', 'max_tokens', 'stream'];
