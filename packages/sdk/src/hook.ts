import type {ConnectorType} from './types';

/** Name of the oclif hook through which a plugin contributes connector types. */
export const CONNECTORS_HOOK = 'connectors';

/**
 * A plugin's `connectors` hook: `export default connectorsHook([githubConnector])`.
 * Kept a plain function so loading a plugin costs nothing until the host asks for connectors.
 */
export function connectorsHook(types: ConnectorType[] | (() => ConnectorType[])): () => Promise<ConnectorType[]> {
  return async () => (typeof types === 'function' ? types() : types);
}
