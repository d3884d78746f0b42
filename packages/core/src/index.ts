export * from "./config/index.js";
export * from "./embedding-base.js";
export * from "./environment.js";
export * from "./errors/index.js";
export * from "./memory-action.js";
export * from "./testing/fake-embedder.js";
export * from "./usage.js";
export * from "./vector/index.js";
