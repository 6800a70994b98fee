import type {OutboundRequest} from '@tf/sdk';
import type {ConnectorInstance} from '../../connectors/registry';
import {ProxyError} from '../errors';

/** Stage 5: the connector removes the agent's credentials and sets the real one from the proxy's environment. */
export function injectCredential(instance: ConnectorInstance, outbound: OutboundRequest, env: NodeJS.ProcessEnv, defaultTokenEnv?: string): void {
  const name = instance.config.name;
  const envVar = instance.config.tokenEnv ?? defaultTokenEnv;
  if (!envVar) {
    throw new ProxyError('missing_credential', `connector "${name}" has no tokenEnv: set connectors.${name}.tokenEnv to the environment variable holding its token`);
  }
  const token = env[envVar];
  // Name the variable, never a value.
  if (!token) throw new ProxyError('missing_credential', `connector "${name}": environment variable ${envVar} is not set in the proxy's environment`);
  instance.connector.injectCredentials(outbound, {token, envVar});
}
