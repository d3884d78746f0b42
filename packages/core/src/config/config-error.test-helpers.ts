import { ConfigurationError } from "../errors/configuration-error.js";

/** The ConfigurationError `run` throws; anything else (or nothing) fails the test. */
export function configError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}
