export { FakeEmbedder, type FakeEmbedderCall, type FakeEmbedderOptions } from "./fake-embedder.js";
export { createTestPng } from "./test-png.js";
