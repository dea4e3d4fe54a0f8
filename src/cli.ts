#!/usr/bin/env node
// The entry point. dist/ is a bundle (scripts/build.ts): with --debug, source maps are turned on
// before the rest of the program loads, so that stack traces name the lines of src/.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
await import('./command-line.js');
