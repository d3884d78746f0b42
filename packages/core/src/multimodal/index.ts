export * from "./embedding-input.js";
export * from "./embedding-result.js";
export * from "./image-header.js";
export * from "./input-modality.js";
export * from "./media-format.js";
export * from "./multimodal-embedder.js";
