// The dashboard benchmark (e2e/bench-dashboard): the journeys' Chromium settings, one desktop project,
// no retries; results in e2e/results/bench/.
import { defineConfig } from '@playwright/test';
import base from '../playwright.config.mjs';
import path from 'node:path';

const results = process.env.E2E_RESULTS ?? path.resolve(import.meta.dirname, '../results/bench');

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.mjs',
  outputDir: path.join(results, 'artifacts'),
  reporter: [['list'], ['json', { outputFile: path.join(results, 'results.json') }]],
  projects: [base.projects.find((p) => p.name === 'desktop')],
});
