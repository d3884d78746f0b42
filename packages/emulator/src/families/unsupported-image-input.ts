import { validationError } from "../protocol/aws-service-error.js";

/**
 * The emulator embeds text only. Checked before the schema so a valid image request gets this plain
 * explanation rather than a misleading "required key [texts] not found".
 */
export function assertNoImageInput(body: unknown): void {
  if (typeof body !== "object" || body === null) return;
  for (const key of ["images", "inputs"]) {
    if (Object.hasOwn(body, key)) {
      throw validationError(
        `The Bedrock emulator does not support the [${key}] field yet; send [texts] instead.`,
      );
    }
  }
}
