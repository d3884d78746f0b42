import { spawn } from "node:child_process";

/** What a finished child process printed and how it exited. */
export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion (no shell) and collects its output; rejects only when it cannot start.
 *
 * @example
 * const { code, stdout } = await runCommand("npm", ["--version"], { cwd: directory, environment: process.env });
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; environment: NodeJS.ProcessEnv },
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.environment });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Like {@link runCommand}, but rejects unless the command exits 0, with its output in the message.
 *
 * @example
 * const { stdout } = await runCommandOrThrow("tar", ["-tzf", tarball], { cwd, environment: process.env });
 */
export async function runCommandOrThrow(
  command: string,
  args: readonly string[],
  options: { cwd: string; environment: NodeJS.ProcessEnv },
): Promise<CommandRun> {
  const run = await runCommand(command, args, options);
  if (run.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
    );
  }
  return run;
}
