import { listedRate, type ModelPrice } from "../../pricing/price-rate.js";
import { cohereV4 } from "./codec.js";

/** The same rate for the base id and the us./global. profiles; image tokens have no known price. */
export const cohereV4Price: ModelPrice = {
  family: cohereV4.name,
  modelIds: cohereV4.modelIds,
  textPerMillionTokens: listedRate(0.12),
};
