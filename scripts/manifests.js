#!/usr/bin/env node
'use strict';
// Writes oclif.manifest.json for the CLI so command lookup needs no directory scan at start-up.
const {spawnSync} = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const result = spawnSync(process.execPath, [require.resolve('oclif/bin/run.js'), 'manifest'], {cwd: root, encoding: 'utf8'});
if (result.status !== 0) {
  process.stderr.write(result.stderr || result.stdout);
  process.exit(result.status ?? 1);
}
