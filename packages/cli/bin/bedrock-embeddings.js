#!/usr/bin/env node
// A committed shim, so package managers can link the binary before the TypeScript build exists.
import { runCli } from "../dist/index.js";

process.exitCode = await runCli(process.argv.slice(2));
