export * from "./app-config-schema.js";
export * from "./bedrock-embedder-options.js";
export { interpolate } from "./interpolate.js";
export * from "./job-config-schema.js";
export { type ConfigPath, camelCase } from "./key-aliases.js";
export { type LoadConfigOptions, loadConfig, parseConfigText } from "./load-config.js";
export { type ParseOptions, parseWithSchema } from "./parse-config.js";
export * from "./registry.js";
export * from "./vector-store-config-schema.js";
