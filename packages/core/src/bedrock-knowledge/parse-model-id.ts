import { type GeoPrefix, splitGeoPrefix } from "./geo-prefixes.js";

/**
 * How a model id addresses the model.
 *
 * @example
 * parseModelId("us.cohere.embed-v4:0").kind; // "inference-profile"
 */
export type ModelIdKind =
  /** A bare foundation model id, or a foundation-model ARN. */
  | "foundation"
  /** A system (cross-region) inference profile: geo-prefixed id or inference-profile ARN. */
  | "inference-profile"
  | "application-inference-profile"
  /** Provisioned throughput (`provisioned-model` ARN). */
  | "provisioned"
  /** A customized model (`custom-model` or `custom-model-deployment` ARN). */
  | "custom"
  /** A model brought in with Custom Model Import (`imported-model` ARN). */
  | "imported"
  /** Any other ARN (prompt router, marketplace endpoint, ...). */
  | "other-arn";

/**
 * What the text of a model id says, before any catalog is consulted.
 *
 * @example
 * const parsed: ParsedModelId = parseModelId("arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-v4:0");
 */
export interface ParsedModelId {
  kind: ModelIdKind;
  /** The foundation model id the id names, without geo prefix; undefined for ARNs that hide their model. */
  bareId: string | undefined;
  /** The geo prefix of a system inference profile, e.g. `us`. */
  geoPrefix: GeoPrefix | undefined;
  /** True when the id is an ARN (as opposed to a bare or geo-prefixed id). */
  isArn: boolean;
  /** The region written in an ARN, if any. */
  arnRegion: string | undefined;
}

const RESOURCE_KINDS: Readonly<Record<string, ModelIdKind>> = {
  "foundation-model": "foundation",
  "inference-profile": "inference-profile",
  "application-inference-profile": "application-inference-profile",
  "provisioned-model": "provisioned",
  "custom-model": "custom",
  "custom-model-deployment": "custom",
  "imported-model": "imported",
};

// arn:partition:service:region:account:resource-type/resource
const ARN = /^arn:[^:]+:([^:]*):([^:]*):[^:]*:([^/]+)\/(.+)$/;

/**
 * Reads any form of Bedrock model id: bare (`cohere.embed-v4:0`), geo-prefixed (`us.`, `eu.`, ...,
 * see GEO_PREFIXES), foundation-model ARN, inference-profile ARN, or an ARN that does not name its
 * model (application inference profile, provisioned, custom, imported), which then needs a family.
 *
 * @example
 * parseModelId("eu.cohere.embed-v4:0");
 * // { kind: "inference-profile", bareId: "cohere.embed-v4:0", geoPrefix: "eu", isArn: false, arnRegion: undefined }
 * parseModelId("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc").bareId; // undefined
 */
export function parseModelId(modelId: string): ParsedModelId {
  if (!modelId.startsWith("arn:")) {
    const { bareId, geoPrefix } = splitGeoPrefix(modelId);
    const kind = geoPrefix === undefined ? "foundation" : "inference-profile";
    return { kind, bareId, geoPrefix, isArn: false, arnRegion: undefined };
  }
  const match = ARN.exec(modelId);
  const service = match?.[1];
  const arnRegion = match?.[2] || undefined;
  const resourceType = match?.[3];
  const resource = match?.[4];
  const kind = service === "bedrock" && resourceType ? RESOURCE_KINDS[resourceType] : undefined;
  const hidden = { bareId: undefined, geoPrefix: undefined, isArn: true, arnRegion };
  if (!kind) return { kind: "other-arn", ...hidden };
  if (resource === undefined || (kind !== "foundation" && kind !== "inference-profile"))
    return { kind, ...hidden };
  const { bareId, geoPrefix } = splitGeoPrefix(resource);
  const profileKind = geoPrefix === undefined ? kind : "inference-profile";
  return { kind: profileKind, bareId, geoPrefix, isArn: true, arnRegion };
}
