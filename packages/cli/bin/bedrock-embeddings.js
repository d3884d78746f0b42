#!/usr/bin/env node
// A committed shim, so package managers can link the binary before the TypeScript build exists.
// The AWS SDK warns on every run under Node 20 that its 2027 releases will need Node 22; the CLI
// supports Node 20, so keep its output clean unless the user asked for the warning.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// A reader that stops early (`| head`) closes the pipe: end quietly, as Unix tools do, instead of
// crashing with an EPIPE stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const { runCli } = await import("../dist/index.js");

process.exitCode = await runCli(process.argv.slice(2));
