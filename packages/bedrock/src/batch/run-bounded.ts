export { type BoundedResult, createLimiter, type Limiter, runBounded } from "@bedrock-embeddings/core";
