import { InputError } from "@bedrock-embeddings/core";

/**
 * What `settleEach` gives back: every value prepared, or undefined where its checks failed, and
 * those InputErrors by index.
 *
 * @example
 * const { prepared, failures } = await settleEach(texts, check);
 */
export interface SettledPreparation<Prepared> {
  prepared: (Prepared | undefined)[];
  failures: { index: number; error: InputError }[];
}

/**
 * Prepares each value in order so that each one failing its checks fails alone (for `settle`):
 * an InputError leaves its place undefined and is listed; anything else still throws.
 *
 * @example
 * const { prepared, failures } = await settleEach(["ok", ""], (text, index) => prepareText(text, index, family, undefined));
 * // prepared: ["ok", undefined]; failures: [{ index: 1, error: InputError }]
 */
export async function settleEach<Prepared>(
  values: readonly unknown[],
  prepare: (value: unknown, index: number) => Prepared | Promise<Prepared>,
): Promise<SettledPreparation<Prepared>> {
  const prepared: (Prepared | undefined)[] = [];
  const failures: { index: number; error: InputError }[] = [];
  for (const [index, value] of values.entries()) {
    try {
      prepared.push(await prepare(value, index));
    } catch (error) {
      if (!InputError.isInstance(error)) throw error;
      prepared.push(undefined);
      failures.push({ index, error });
    }
  }
  return { prepared, failures };
}
