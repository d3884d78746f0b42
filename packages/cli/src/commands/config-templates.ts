/**
 * Which starting config `bedrock-embeddings init` writes: the local emulator (no AWS account) or AWS Bedrock.
 *
 * @example
 * const target: ConfigTarget = "emulator";
 */
export type ConfigTarget = "emulator" | "aws";

const STORE_AND_MEMORY = `
# Where memories live: the embedded file store (one crash-safe log). A relative path is relative to
# this file. For PostgreSQL with pgvector:
#   provider: pgvector
#   config: { connection_string: \${DATABASE_URL}, table: memories }
vector_store:
  provider: file
  config:
    path: .data/memory

# Defaults of the memory commands (memory search --top-k overrides top_k).
memory:
  top_k: 5
  threshold: 0
`;

const EMULATOR_CONFIG = `# bedrock-embeddings configuration for the local Bedrock emulator: runs offline, no AWS account.
# Check it:  bedrock-embeddings doctor --config <this file>
# Use it:    bedrock-embeddings embed --config <this file> "hello world"
# For AWS, write another with: bedrock-embeddings init --aws --output aws.yaml

# Start the emulator in-process and point the embedder at it (with the emulator's own test keys).
emulator:
  embedded: true
  port: 0 # 0 picks a free port

embedder:
  provider: aws_bedrock
  config:
    model: amazon.titan-embed-text-v2:0 # every model: bedrock-embeddings models
    region: us-east-1 # the emulator accepts any region
    dimensions: 512 # Titan Text Embeddings v2: 1024, 512 or 256
${STORE_AND_MEMORY}`;

const AWS_CONFIG = `# bedrock-embeddings configuration for AWS Bedrock.
# Check it:  bedrock-embeddings doctor --config <this file>
# Use it:    bedrock-embeddings embed --config <this file> "hello world"
# \${VAR} and \${VAR:-default} are read from the environment, so keep secrets there, not here.

embedder:
  provider: aws_bedrock
  config:
    model: amazon.titan-embed-text-v2:0 # every model: bedrock-embeddings models
    region: \${AWS_REGION:-us-east-1}
    dimensions: 1024 # Titan Text Embeddings v2: 1024, 512 or 256
    # Credentials: without any of the lines below, the default AWS chain is used (AWS_ACCESS_KEY_ID
    # and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws config and SSO, container or instance role).
    # To choose one explicitly, uncomment ONE of these:
    # profile: \${AWS_PROFILE} # a named profile from ~/.aws/config
    # api_key: \${AWS_BEARER_TOKEN_BEDROCK} # a Bedrock API key
    # credentials:
    #   access_key_id: \${AWS_ACCESS_KEY_ID}
    #   secret_access_key: \${AWS_SECRET_ACCESS_KEY}
    #   session_token: \${AWS_SESSION_TOKEN} # only for temporary (STS) credentials
${STORE_AND_MEMORY}`;

/**
 * The commented YAML `init` writes for a target. Both load with `loadConfig` as they are.
 *
 * @example
 * await writeFile("app.yaml", configTemplate("emulator"), { flag: "wx" });
 */
export function configTemplate(target: ConfigTarget): string {
  return target === "aws" ? AWS_CONFIG : EMULATOR_CONFIG;
}
