// The official GitHub SDK (ESM), default base URL and fetch.
import {Octokit} from '@octokit/rest';

const octokit = new Octokit({auth: process.env.GITHUB_TOKEN});
const {status, data} = await octokit.pulls.create({owner: 'acme', repo: 'widgets', title: 'Governed PR', head: 'feature', base: 'main'});
console.log(JSON.stringify({status, number: data.number}));
