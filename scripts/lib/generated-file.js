'use strict';
/** The one step every route-table generator ends with: write the committed file, or with `--check` fail when it is stale. */
const fs = require('node:fs');
const path = require('node:path');

function writeOrCheck(outFile, text, script, summary = `${text.length} bytes`) {
  const relative = path.relative(process.cwd(), outFile);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
    if (current !== text) {
      console.error(`${relative} is out of date: run node ${path.relative(process.cwd(), script)}`);
      process.exit(1);
    }
    console.log(`${relative} is up to date (${summary})`);
    return;
  }
  fs.writeFileSync(outFile, text);
  console.log(`wrote ${relative} (${summary})`);
}

module.exports = {writeOrCheck};
