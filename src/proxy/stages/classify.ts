import type {Action, HttpRequestInfo} from '@tf/sdk';
import type {ConnectorInstance} from '../../connectors/registry';
import {ProxyError} from '../errors';

/** Stage 3: the connector names the action, exactly as `tf parse` would. */
export function classifyAction(instance: ConnectorInstance, info: HttpRequestInfo): Action {
  try {
    return instance.connector.parseAction(info);
  } catch (error) {
    // A plugin bug must not let the request through unclassified.
    throw new ProxyError('internal', `connector "${instance.config.name}" failed to classify the request: ${(error as Error).message}`);
  }
}
