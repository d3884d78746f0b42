import { listedRate } from "../../pricing/price-rate.js";

/** Marengo 2.7 and 3.0 are billed alike: per text request and per image, video or audio second. */
export const MARENGO_RATES = {
  textPerRequest: listedRate(0.00007),
  perImage: listedRate(0.0001),
  perVideoSecond: listedRate(0.0007),
  perAudioSecond: listedRate(0.00014),
};
