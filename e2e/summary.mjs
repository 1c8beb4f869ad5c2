#!/usr/bin/env node
// Prints the e2e totals from Playwright's JSON report: `e2e: N passed, N failed, N skipped (N flaky)`.
// scripts/test reads this line's numbers.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'e2e/results/results.json';
const { stats } = JSON.parse(readFileSync(file, 'utf8'));
const failed = stats.unexpected;
console.log(`e2e: ${stats.expected + stats.flaky} passed, ${failed} failed, ${stats.skipped} skipped (${stats.flaky} flaky)`);
