#!/usr/bin/env node
'use strict';
// Policy decision cost with 100 rules (target: <= 5 µs per decision). Needs `npm run build` first.
const {readPolicySpec} = require('../dist/policy/validate');
const {PolicyEngine} = require('../dist/policy/compile');

const SERVICES = ['github', 'stripe', 'slack', 'openai', 'jira'];
const OBJECTS = ['repo', 'pr', 'issue', 'charge', 'message', 'file', 'team', 'invoice', 'model', 'user'];
const VERBS = ['create', 'update', 'delete', 'list', 'merge'];

function rules(count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const service = SERVICES[i % SERVICES.length];
    const object = OBJECTS[i % OBJECTS.length];
    const verb = VERBS[i % VERBS.length];
    const shape = i % 5;
    const match = shape === 0 ? `${service}.${object}.${verb}` : shape === 1 ? `${service}.*.${verb}` : shape === 2 ? `${service}.${object}.**` : shape === 3 ? [`${service}.${object}.${verb}`, `${service}.${object}.create`] : `**.${verb}`;
    const when =
      i % 4 === 0
        ? {all: [{field: 'parameters.amount', op: 'gt', value: 1000 + i}, {field: 'agent', op: 'in', value: ['ci', 'bot', `agent-${i}`]}]}
        : i % 4 === 1
          ? {any: [{field: 'path', op: 'matches', value: `^/v1/${object}/\\d+$`}, {field: 'risk', op: 'equals', value: 'high'}]}
          : i % 4 === 2
            ? {not: {field: 'parameters.currency', op: 'equals', value: 'usd'}}
            : {field: 'resource.owner', op: 'starts_with', value: `org-${i}`};
    out.push({name: `rule-${i}`, match, when, decision: ['allow', 'deny', 'require_approval'][i % 3], ...(i % 10 === 9 ? {mode: 'monitor'} : {})});
  }
  return out;
}

const {spec, problems} = readPolicySpec({default: 'allow', rules: rules(100)});
if (problems.length) throw new Error(problems.map((p) => p.message).join('\n'));
const engine = new PolicyEngine(spec);

const inputs = [];
for (const service of SERVICES)
  for (const object of OBJECTS)
    for (const verb of VERBS) {
      inputs.push({
        action: {
          type: `${service}.${object}.${verb}`,
          risk: verb === 'delete' ? 'high' : 'low',
          resource: {provider: service, owner: 'org-7', repo: 'r'},
          parameters: {amount: String(500 + inputs.length * 37), currency: inputs.length % 2 ? 'usd' : 'eur'},
          riskHints: {},
        },
        connector: service,
        agent: inputs.length % 3 ? 'bot' : undefined,
        method: 'POST',
        host: `api.${service}.com`,
        path: `/v1/${object}/${inputs.length}`,
      });
    }

function run(n) {
  const counts = {allow: 0, deny: 0, require_approval: 0};
  for (let i = 0; i < n; i++) counts[engine.decide(inputs[i % inputs.length]).effect]++;
  return counts;
}

run(200_000); // warm-up: JIT and the per-type rule index
const N = 2_000_000;
const start = process.hrtime.bigint();
const counts = run(N);
const ns = Number(process.hrtime.bigint() - start) / N;
console.log(`policy: ${spec.rules.length} rules, ${inputs.length} distinct actions, ${N} decisions`);
console.log(`  ${(ns / 1000).toFixed(3)} µs/decision (${Math.round(1e9 / ns).toLocaleString('en-US')} decisions/s)  target <= 5 µs`);
console.log(`  effects: allow ${counts.allow}, deny ${counts.deny}, require_approval ${counts.require_approval}`);

// Worst case: every decision a never-seen action type (agent-chosen methods), so the index misses each time.
const M = 200_000;
const cold = inputs.map((input, i) => ({...input, action: {...input.action, type: `${input.action.type}.x${i}`}}));
const coldTypes = Array.from({length: M}, (_, i) => `generic.m${i}`);
const coldStart = process.hrtime.bigint();
for (let i = 0; i < M; i++) {
  const input = cold[i % cold.length];
  input.action.type = coldTypes[i];
  engine.decide(input);
}
const coldNs = Number(process.hrtime.bigint() - coldStart) / M;
console.log(`  ${(coldNs / 1000).toFixed(3)} µs/decision for never-seen action types (index miss: globs of that service and wildcard-first rules tested)`);
if (ns > 5000) process.exitCode = 1;
