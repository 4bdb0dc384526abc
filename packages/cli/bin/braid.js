#!/usr/bin/env node
// The `braid` command. Braid's packages ship TypeScript source; tsx runs it without a build step.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
