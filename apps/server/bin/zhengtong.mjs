#!/usr/bin/env node
// The installed `zhengtong` command; `npm run build` (or `npm start`) builds dist/ first.
await import('../dist/cli.js');
