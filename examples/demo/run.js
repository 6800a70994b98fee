#!/usr/bin/env node
'use strict';
/**
 * The main job on an embedded default: local HTTPS stand-ins for api.github.com and api.stripe.com,
 * a config with a policy, and an unmodified agent run under `tf run`. Then `tf logs` shows the audit.
 * Nothing leaves the machine. Needs `npm run build`.
 */
const {spawn, spawnSync} = require('node:child_process');
const {mkdtempSync, writeFileSync} = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const tf = path.join(root, 'bin/run.js');
const {createCertificateAuthority, issueServerCertificate} = require(path.join(root, 'dist/proxy/ca'));

const REAL = {github: 'ghp_demo-real-token', stripe: 'sk_test_demo-real-key'};

function standIn(ca) {
  const leaf = issueServerCertificate(ca, ['api.github.com', 'api.stripe.com']);
  const server = https.createServer({cert: leaf.certPem, key: leaf.keyPem}, (req, res) => {
    req.resume();
    req.on('end', () => {
      // What the API received, without echoing any secret: did the real token arrive instead of the agent's?
      const auth = req.headers.authorization ?? '';
      const real = auth === `token ${REAL.github}` || auth === `Bearer ${REAL.stripe}`;
      res.writeHead(201, {'content-type': 'application/json'});
      res.end(JSON.stringify({api: req.headers.host, credential: real ? 'the real token (injected by tf)' : 'NOT the real token'}));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-demo-'));
  const ca = createCertificateAuthority('tf demo upstream CA');
  writeFileSync(path.join(dir, 'upstream-ca.pem'), ca.certPem);
  const server = await standIn(ca);
  const origin = `https://127.0.0.1:${server.address().port}`;
  writeFileSync(
    path.join(dir, 'tf.config.yaml'),
    [
      'connectors:',
      '  github: {type: github, tokenEnv: DEMO_GITHUB_TOKEN, agentEnv: GITHUB_TOKEN}',
      '  stripe: {type: stripe, tokenEnv: DEMO_STRIPE_KEY}',
      'proxy:',
      '  upstreamCa: ./upstream-ca.pem',
      '  routes:',
      `    api.github.com: ${origin}`,
      `    api.stripe.com: ${origin}`,
      'policies:',
      '  default: allow',
      '  rules:',
      '    - {name: no-repo-deletion, match: github.repo.delete, decision: deny, reason: Repository deletion is never allowed}',
      '    - name: big-charges',
      '      match: stripe.charge.create',
      '      when: {all: [{field: parameters.amount, op: gt, value: 10000}]}',
      '      decision: deny',
      '      reason: charges over $100 need a human',
      '',
    ].join('\n'),
  );
  const env = {
    ...process.env,
    TF_DATA_DIR: path.join(dir, 'data'),
    DEMO_GITHUB_TOKEN: REAL.github,
    DEMO_STRIPE_KEY: REAL.stripe,
    NO_COLOR: process.env.NO_COLOR ?? '',
  };
  const audit = path.join(dir, 'audit.jsonl');
  console.log(`$ tf run --agent demo -- node examples/demo/agent.js    (config: ${path.join(dir, 'tf.config.yaml')})\n`);
  // Asynchronous: the stand-in API lives in this process and must keep answering while the agent runs.
  const child = spawn(process.execPath, [tf, 'run', '--agent', 'demo', '--audit-log', audit, '--', process.execPath, path.join(__dirname, 'agent.js')], {cwd: dir, env, stdio: 'inherit'});
  const status = await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  server.close();
  console.log(`\n$ tf logs --audit-log ${audit}\n`);
  spawnSync(process.execPath, [tf, 'logs', '--audit-log', audit], {cwd: dir, env, stdio: 'inherit'});
  const verify = spawnSync(process.execPath, [tf, 'logs', 'verify', '--audit-log', audit], {cwd: dir, env, encoding: 'utf8'});
  console.log(`\n$ tf logs verify\n${verify.stdout.trim()}`);
  process.exit(status);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
