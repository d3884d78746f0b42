import { listedRate, type ModelPrice } from "../../pricing/price-rate.js";
import { novaMultimodal } from "./codec.js";

/** Text only: image, audio and video rates were not found. */
export const novaMultimodalPrice: ModelPrice = {
  family: novaMultimodal.name,
  modelIds: novaMultimodal.modelIds,
  textPerMillionTokens: listedRate(0.135),
};
