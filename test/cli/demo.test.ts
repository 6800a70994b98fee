import {spawn} from 'node:child_process';
import path from 'node:path';
import {REPO_ROOT} from '../helpers/cli';

/** The README's first command runs this demo: keep it true. */
test('examples/demo/run.js: an unmodified agent under tf run is classified, governed, credentialed and audited', async () => {
  const {code, stdout} = await new Promise<{code: number | null; stdout: string}>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'examples/demo/run.js')], {env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (c) => resolve({code: c, stdout: out}));
  });
  expect(code).toBe(0);
  expect(stdout).toContain('POST https://api.github.com/repos/acme/api/pulls → 201 (github.pr.create) {"api":"api.github.com","credential":"the real token (injected by tf)"}');
  expect(stdout).toMatch(/POST https:\/\/api\.stripe\.com\/v1\/charges → 403 \(stripe\.charge\.create\).*charges over \$100 need a human/);
  expect(stdout).toMatch(/DELETE https:\/\/api\.github\.com\/repos\/acme\/api → 403 \(github\.repo\.delete\).*Repository deletion is never allowed/);
  expect(stdout).toMatch(/GET https:\/\/api\.unknown-service\.com\/v1\/data → refused by the proxy/);
  expect(stdout).toContain('my GITHUB_TOKEN is "tf-placeholder-credential"');
  expect(stdout).toMatch(/^\S+ \S+\s+demo\s+github\.pr\.create\s+allow\s+201/m);
  expect(stdout).toMatch(/ok, 4 lines, chain intact/);
  expect(stdout).not.toMatch(/ghp_demo-real-token|sk_test_demo-real-key/);
});
