import { cohereV3Price } from "../families/cohere-v3/price.js";
import { cohereV4Price } from "../families/cohere-v4/price.js";
import { marengo27Price } from "../families/marengo-2-7/price.js";
import { marengo30Price } from "../families/marengo-3-0/price.js";
import { novaMultimodalPrice } from "../families/nova-multimodal/price.js";
import { titanMultimodalPrice } from "../families/titan-multimodal/price.js";
import { titanTextV1Price } from "../families/titan-text-v1/price.js";
import { titanTextV2Price } from "../families/titan-text-v2/price.js";
import type { ModelPrice } from "./price-rate.js";

/**
 * The dated price table (see `PRICE_TABLE_DATE`), one entry per model family, each kept in its
 * family's folder.
 *
 * @example
 * PRICE_TABLE.map((entry) => entry.family); // ["titan-text-v1", "titan-text-v2", ...]
 */
export const PRICE_TABLE: readonly ModelPrice[] = Object.freeze([
  titanTextV1Price,
  titanTextV2Price,
  titanMultimodalPrice,
  cohereV3Price,
  cohereV4Price,
  novaMultimodalPrice,
  marengo27Price,
  marengo30Price,
]);
