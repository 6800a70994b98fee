import type {ConnectorType} from '@tf/sdk';
import {GITHUB_SPEC, GithubConnector} from './github-connector';

export {GithubConnector, gitBasicAuth, tokenAuth} from './github-connector';

/** GitHub and GitHub Enterprise Server (`--base-url https://HOST/api/v3`): REST API, uploads and git over HTTPS. */
export const githubConnector: ConnectorType = {
  type: GITHUB_SPEC.type,
  description: GITHUB_SPEC.description,
  defaultDomains: GITHUB_SPEC.defaultDomains,
  defaultTokenEnv: GITHUB_SPEC.defaultTokenEnv,
  defaultAgentEnv: GITHUB_SPEC.defaultAgentEnv,
  accepts: GITHUB_SPEC.accepts ?? {},
  create: (config) => new GithubConnector(config),
};

export default githubConnector;
