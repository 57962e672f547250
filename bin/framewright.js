#!/usr/bin/env -S node --max-semi-space-size=2 --optimize-for-size --expose-gc
// The `framewright` command: runs the bundled CLI (build it with `npm run build`).
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(
    'framewright: not built yet. Run `npm run build` in the Framewright folder first.\n',
  );
  process.exit(2);
}
require(cli);
