/**
 * The encodings a model can return a vector in. `float` is the usual one; the others are
 * compact encodings some families offer (Titan v2: binary; Cohere: all five).
 *
 * @example
 * const types: EmbeddingType[] = ["float", "int8"];
 */
export type EmbeddingType = "float" | "int8" | "uint8" | "binary" | "ubinary";

/** Every embedding type, in a stable order. */
export const EMBEDDING_TYPES: readonly EmbeddingType[] = ["float", "int8", "uint8", "binary", "ubinary"];

/**
 * The compact (non-float) embedding types.
 *
 * @example
 * const type: IntegerEmbeddingType = "ubinary";
 */
export type IntegerEmbeddingType = Exclude<EmbeddingType, "float">;

/**
 * A compact embedding, with its type stated. Signed types (`int8`, `binary`) come as Int8Array,
 * unsigned ones (`uint8`, `ubinary`) as Uint8Array. `dimension` is the vector's dimension:
 * Cohere packs `binary`/`ubinary` eight dimensions per byte (`values.length === dimension / 8`),
 * Titan v2 returns one 0/1 value per dimension (`values.length === dimension`).
 *
 * @example
 * const typed: TypedEmbedding = { type: "int8", values: new Int8Array([12, -7]), dimension: 2 };
 */
export type TypedEmbedding =
  | { type: "int8" | "binary"; values: Int8Array; dimension: number }
  | { type: "uint8" | "ubinary"; values: Uint8Array; dimension: number };

/**
 * What an embedding represents. Nova reports it per vector (a separate-mode video gives a
 * VIDEO and an AUDIO vector); for other families it follows from the input.
 *
 * @example
 * const content: EmbeddedContent = "AUDIO_VIDEO_COMBINED";
 */
export type EmbeddedContent = "TEXT" | "IMAGE" | "TEXT_IMAGE" | "AUDIO" | "VIDEO" | "AUDIO_VIDEO_COMBINED";

/**
 * One input's embedding. `results[i]` belongs to `inputs[i]`.
 *
 * @example
 * const [result] = await embedder.embedInputs([{ image: { file: "cat.png" } }]);
 * result.vector; // number[] (unit length when normalize is on)
 * result.typed?.int8?.values; // Int8Array, when "int8" was requested
 */
export interface EmbeddingResult {
  /** What the vector represents. */
  embeddingType: EmbeddedContent;
  /** The float vector, when "float" is among the requested types (the default). Normalized when `normalize` is on. */
  vector?: number[];
  /** Each requested compact encoding, by type. Never normalized. */
  typed?: Partial<Record<IntegerEmbeddingType, TypedEmbedding>>;
  /** A video embedded with AUDIO_VIDEO_SEPARATE: this result is the picture, `audioTrack` the sound. */
  audioTrack?: EmbeddingResult;
  /** Characters the model kept of a text it truncated (Nova), when it truncated. */
  truncatedCharLength?: number;
}
