/**
 * `environment` without the settings npm and pnpm hand to the scripts they run (`npm_config_*`,
 * `npm_package_*`, ...), which would make a child npm or pnpm use the repository's prefix and
 * settings instead of those of the project it is run in. Registry, cache and user config stay.
 *
 * @example
 * await runCommand("npm", ["install"], { cwd: project, environment: packageManagerEnvironment(process.env) });
 */
export function packageManagerEnvironment(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = new Set(["npm_config_registry", "npm_config_cache", "npm_config_userconfig"]);
  return Object.fromEntries(
    Object.entries(environment).filter(
      ([key]) => !key.toLowerCase().startsWith("npm_") || kept.has(key.toLowerCase()),
    ),
  );
}
