/** Environment variables as a plain object, so tests can pass their own. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The one place the library reads `process.env`. Everything else takes an `Environment`.
 *
 * @example
 * const config = await loadConfig("app.yaml", { environment: processEnvironment() });
 */
export function processEnvironment(): Environment {
  return { ...process.env };
}
