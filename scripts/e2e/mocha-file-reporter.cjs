// A mocha reporter for the integration suite when it runs inside code-server's extension host:
// it prints as the spec reporter does and writes the results as JSON to IMPROVEKIT_TEST_RESULTS,
// the only channel back to scripts/e2e/integration.ts that does not depend on the workbench.
// Plain CommonJS: the extension host loads it with require, without a TypeScript loader.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

class FileReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const results = { passes: [], failures: [], pending: [] };
    runner.on(EVENT_TEST_PASS, (test) => results.passes.push({ title: test.fullTitle(), duration: test.duration }));
    runner.on(EVENT_TEST_PENDING, (test) => results.pending.push({ title: test.fullTitle() }));
    runner.on(EVENT_TEST_FAIL, (test, error) =>
      results.failures.push({ title: test.fullTitle(), message: String((error && error.message) || error), stack: String((error && error.stack) || '') }),
    );
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.IMPROVEKIT_TEST_RESULTS;
      if (file) fs.writeFileSync(file, JSON.stringify({ stats: runner.stats, ...results }, null, 2));
    });
  }
}

module.exports = FileReporter;
