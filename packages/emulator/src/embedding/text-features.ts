/** One hashed feature of a text and how much it contributes. */
export interface WeightedFeature {
  feature: string;
  weight: number;
}

// Whole words dominate similarity; trigrams add a little credit for shared stems ("embed"/"embedding").
const wordWeight = 1;
const stopWordWeight = 0.15;
const trigramWeight = 0.3;

// Function words are shared by almost every sentence; at full weight they would make unrelated texts look similar.
const stopWords = new Set(
  "a an and are as at be by for from has in is it of on or that the to was were with".split(" "),
);

export function tokenizeWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function textFeatures(text: string): WeightedFeature[] {
  const features: WeightedFeature[] = [];
  for (const word of tokenizeWords(text)) {
    features.push({ feature: `w:${word}`, weight: stopWords.has(word) ? stopWordWeight : wordWeight });
    const padded = [...`^${word}$`];
    for (let start = 0; start + 3 <= padded.length; start += 1) {
      features.push({ feature: `t:${padded.slice(start, start + 3).join("")}`, weight: trigramWeight });
    }
  }
  return features;
}
