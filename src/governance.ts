import {ApprovalBroker} from './approvals/broker';
import {ControlServer, type ControlRequest} from './approvals/control-channel';
import type {ConnectorCatalog} from './connectors/catalog';
import type {LoadedConfig} from './config/load';
import type {ApprovalGate, Decider, Decision, DecisionInput, KillSwitch, KillSwitchState} from './decision';
import {UserError} from './errors';
import {FileKillSwitch} from './kill-switch/kill-switch';
import {describePolicy, KILL_SWITCH_RULE, loadPolicy} from './policy';

/** Everything the request path consults to decide: policy, approvals, kill switch. */
export interface Governance {
  decider: Decider;
  approvalGate?: ApprovalGate;
  killSwitch?: KillSwitch;
  /** One line for start-up banners: "3 policy rules, default allow". */
  summary?: string;
  /** The control socket `tf approvals` and `tf kill-switch` reach this process on (absent in dry runs). */
  controlSocket?: string;
  close(): Promise<void>;
}

export interface GovernanceOptions {
  config: LoadedConfig;
  catalog: ConnectorCatalog;
  dataDir: string;
  /** `tf parse`: decide only; no control socket, no approval broker, kill switch read once. */
  dryRun?: boolean;
}

/**
 * Builds governance from config: the compiled policy behind the kill switch (kill switch > deny >
 * require_approval > allow > default), and for a running proxy the approval broker with its control channel.
 * Policy errors throw a one-line `file:line: ...` UserError.
 */
export async function createGovernance(options: GovernanceOptions): Promise<Governance> {
  const {engine, spec} = loadPolicy(options.config);
  const killSwitch = new FileKillSwitch(options.dataDir);
  const decider: Decider = {
    decide(input: DecisionInput): Decision {
      const state = killSwitch.check(input.connector);
      return state.active ? killSwitchDecision(state) : engine.decide(input);
    },
  };
  const summary = describePolicy(spec);
  if (options.dryRun) return {decider, killSwitch, summary, close: async () => {}};

  const broker = new ApprovalBroker({timeoutMs: spec.approvalTimeoutMs});
  killSwitch.subscribe((event) => {
    if (!event.active) return;
    const reason = `kill switch on${event.connector ? ` for ${event.connector}` : ''}${event.reason ? `: ${event.reason}` : ''}`;
    broker.denyWhere((pending) => event.connector === null || pending.connector === event.connector, reason, event.by);
  });
  killSwitch.watch();
  const handle = (request: ControlRequest) => {
    switch (request.op) {
      case 'hello':
        return {ok: true, pid: process.pid, pending: broker.size, policy: summary};
      case 'list':
        return {ok: true, approvals: broker.list()};
      case 'approve':
      case 'deny':
        return broker.decide(String(request.id), request.op, {approver: request.approver, reason: request.reason});
      case 'kill-switch-changed':
        killSwitch.reload();
        return {ok: true};
      default:
        return {ok: false, error: 'bad-request', message: `unknown op ${JSON.stringify((request as {op?: unknown}).op)}`};
    }
  };
  let control: ControlServer;
  try {
    control = await ControlServer.start(options.dataDir, handle);
  } catch (error) {
    killSwitch.close();
    throw new UserError(`cannot open the approvals control channel: ${(error as Error).message}`);
  }
  return {
    decider,
    approvalGate: broker,
    killSwitch,
    summary,
    controlSocket: control.socketPath,
    async close() {
      broker.close();
      killSwitch.close();
      await control.close();
    },
  };
}

const killDecisions = new WeakMap<KillSwitchState, Decision>();

function killSwitchDecision(state: KillSwitchState): Decision {
  let decision = killDecisions.get(state);
  if (!decision) {
    decision = Object.freeze({effect: 'deny', rule: KILL_SWITCH_RULE, reason: state.reason ?? 'kill switch is on', mode: 'enforce'} as Decision);
    killDecisions.set(state, decision);
  }
  return decision;
}
