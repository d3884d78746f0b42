import { Option } from "commander";

/** `--config <file>`, which every command that reads a config requires. */
export function configOption(): Option {
  return new Option("-c, --config <file>", "YAML or JSON configuration file").makeOptionMandatory();
}
