#!/usr/bin/env node
'use strict';
// Writes oclif.manifest.json for the CLI so command lookup needs no directory scan at start-up.
// Commands are sorted by id so the committed file only changes when a command does.
const {spawnSync} = require('node:child_process');
const {readFileSync, writeFileSync} = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const result = spawnSync(process.execPath, [require.resolve('oclif/bin/run.js'), 'manifest'], {cwd: root, encoding: 'utf8'});
if (result.status !== 0) {
  process.stderr.write(result.stderr || result.stdout);
  process.exit(result.status ?? 1);
}
const file = path.join(root, 'oclif.manifest.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
manifest.commands = Object.fromEntries(Object.keys(manifest.commands).sort().map((id) => [id, manifest.commands[id]]));
writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
