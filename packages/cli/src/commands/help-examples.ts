/**
 * The "Examples:" sections of `--help`, per command (commander's `addHelpText("after", ...)`).
 *
 * @example
 * program.command("models").addHelpText("after", HELP_EXAMPLES.models);
 */
export const HELP_EXAMPLES = {
  program: `
Examples:
  $ bedrock-embeddings init                                   # a commented config for the local emulator
  $ bedrock-embeddings doctor --config bedrock-embeddings.yaml
  $ bedrock-embeddings embed --config bedrock-embeddings.yaml "first text" "second text"
  $ bedrock-embeddings memory add --config app.yaml --user alice "Alice drinks green tea"
  $ bedrock-embeddings models                                 # ids, dimensions, limits, prices
  $ bedrock-embeddings emulator --port 4010                   # a local Bedrock Runtime

Exit codes: 0 success, 1 a failed operation, 2 a configuration or usage problem.
Add --json to a command to get its errors as one JSON line on stderr.
`,
  models: `
Examples:
  $ bedrock-embeddings models                                 # a table
  $ bedrock-embeddings models --json | jq -r 'select(.modalities | index("image")) | .id'
`,
  init: `
Examples:
  $ bedrock-embeddings init                                   # emulator config in bedrock-embeddings.yaml
  $ bedrock-embeddings init --aws --output aws.yaml           # AWS: region, model, credential hints
  $ bedrock-embeddings init --aws --output aws.yaml --force   # overwrite an existing file
`,
  doctor: `
Checks, one line each (ok, fail with a fix, or skip): config, region and its source, credential
source (never a secret), endpoint reachability, model access (one tiny embed call), memory store.
Exits 1 when a check failed.

Examples:
  $ bedrock-embeddings doctor --config app.yaml
  $ bedrock-embeddings doctor --region us-east-1 --model cohere.embed-v4:0   # no config file
  $ bedrock-embeddings doctor --config app.yaml --json                       # one JSON object per check
`,
  emulator: `
Prints its URL, the fixed local test credentials and API key it accepts, and the environment lines
that point the AWS SDK or this CLI at it.

Examples:
  $ bedrock-embeddings emulator --port 4010
  $ bedrock-embeddings emulator --rpm 600 --latency-ms 60 --fault serviceUnavailable=0.01 --seed 7
`,
} as const;
