import type {ConnectorCatalog} from './connectors/catalog';
import type {LoadedConfig} from './config/load';
import {allowAll, type ApprovalGate, type Decider, type KillSwitch} from './decision';

/** Everything the request path consults to decide: policy, approvals, kill switch. */
export interface Governance {
  decider: Decider;
  approvalGate?: ApprovalGate;
  killSwitch?: KillSwitch;
  close(): Promise<void>;
}

/** Builds governance from config; until policies land every classified action is allowed. */
export async function createGovernance(_options: {config: LoadedConfig; catalog: ConnectorCatalog; dataDir: string}): Promise<Governance> {
  return {decider: allowAll, close: async () => {}};
}
