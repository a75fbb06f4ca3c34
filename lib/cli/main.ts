// The operators' command line: `npm run cli -- <command> [options]`. Every command goes through the
// same services as the app; each domain contributes its commands from lib/<domain>/cli.ts. Output
// for scripts: the last line of users:create is the password, of tokens:create the token. Errors go
// to stderr with a non-zero exit code.
import { disconnect } from "@/lib/db";

import { runCommand } from "./run";

void runCommand(process.argv.slice(2)).then(async (code) => {
  await disconnect();
  process.exit(code);
});
