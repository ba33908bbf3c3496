#!/usr/bin/env node
// The polyfn command: the bundle built by `npm run build` (run automatically by `npm ci`).
import '../build/cli.mjs';
