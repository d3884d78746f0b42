// Run as a package's prepack script: only pnpm replaces `workspace:*` with real versions when it
// packs, so a tarball from `npm pack` / `npm publish` would fail to install (EUNSUPPORTEDPROTOCOL).
const agent = process.env["npm_config_user_agent"] ?? "";
const dryRun = process.env["npm_config_dry_run"] === "true";

if (!agent.startsWith("pnpm/") && !dryRun) {
  process.stderr.write(
    "This package must be packed by pnpm, which replaces workspace:* with versions. " +
      "Run `npx -y pnpm@10.34.9 pack` or `npx -y pnpm@10.34.9 publish` instead.\n",
  );
  process.exit(1);
}
