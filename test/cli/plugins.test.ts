import path from 'node:path';
import {REPO_ROOT, runTf} from '../helpers/cli';
import {tempDir} from '../helpers/tmp';

/** A third-party connector plugin linked at runtime with `tf plugins link`, into an isolated oclif data dir. */
describe('runtime-loaded connector plugins', () => {
  const home = tempDir('tf-plugins-');
  const env = {TF_DATA_DIR: home.path('data'), XDG_CONFIG_HOME: home.path('xdg')};
  const cwd = tempDir('tf-plugins-cwd-').dir;

  beforeAll(async () => {
    const linked = await runTf(['plugins', 'link', path.join(REPO_ROOT, 'examples/connector-jira'), '--no-install'], {env, cwd});
    expect(linked.code).toBe(0);
  });

  test('the linked jira type shows up in tf connector list with its plugin', async () => {
    const result = await runTf(['connector', 'list', '--json'], {env, cwd});
    const out = JSON.parse(result.stdout);
    const jira = out.connectors.find((c: {type: string}) => c.type === 'jira');
    expect(jira).toMatchObject({name: 'jira', domains: ['*.atlassian.net'], plugin: 'tf-connector-jira', actionTypes: 6});
  });

  test('and classifies its actions in tf parse', async () => {
    const lines = [
      {method: 'POST', url: 'https://acme.atlassian.net/rest/api/3/issue', body: {fields: {project: {key: 'OPS'}}}},
      {method: 'POST', url: 'https://acme.atlassian.net/rest/api/3/issue/OPS-7/transitions', body: {transition: {id: '31'}}},
      {method: 'DELETE', url: 'https://acme.atlassian.net/rest/api/3/issue/OPS-7'},
    ];
    const result = await runTf(['parse', '-', '--json'], {env, cwd, input: lines.map((l) => JSON.stringify(l)).join('\n')});
    const out = JSON.parse(result.stdout);
    expect(out.map((e: {connector: string; action: {type: string; risk: string}}) => [e.connector, e.action.type, e.action.risk])).toEqual([
      ['jira', 'jira.issue.create', 'low'],
      ['jira', 'jira.issue.transition', 'medium'],
      ['jira', 'jira.issue.delete', 'high'],
    ]);
    expect(out[0].action.parameters).toEqual({'fields.project.key': 'OPS'});
    expect(out[1].action.resource).toEqual({provider: 'jira', issueIdOrKey: 'OPS-7'});
  });

  test('is absent from a data dir where it was not linked', async () => {
    const result = await runTf(['connector', 'list', '--json'], {cwd});
    expect(JSON.parse(result.stdout).connectors.map((c: {type: string}) => c.type)).not.toContain('jira');
  });
});
