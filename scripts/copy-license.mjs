// Run as a package's prepack script: npm and pnpm only pack files inside the package folder,
// so the repository's one LICENSE is copied in (the copies are git-ignored).
import { copyFileSync } from "node:fs";

copyFileSync(new URL("../LICENSE", import.meta.url), "LICENSE");
