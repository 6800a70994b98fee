#!/usr/bin/env node
'use strict';

// Same as run.js with oclif's development mode (verbose errors); run `npm run build` first.
require('@oclif/core').execute({development: true, dir: __dirname});
