// The operators' CLI as one long-lived process for the browser tests: they run hundreds of
// commands, and starting `tsx lib/cli/main.ts` costs each of them about two seconds of CPU. The
// commands are the same (lib/cli/run.ts); only the process is shared. One request per connection on
// a Unix socket: a JSON array of arguments in, `{code, stdout, stderr}` out (e2e/cli-client.mjs).
// Commands may run side by side (two Playwright workers): each one's console output is its own.
import { rmSync } from "node:fs";
import { createServer } from "node:net";

import { disconnect } from "@/lib/db";
import { runCommand } from "@/lib/cli/run";

import { captureConsole } from "../test/console-capture";

const socketPath = process.argv[2];
if (!socketPath) throw new Error("usage: cli-server.ts <socket path>");

const server = createServer((socket) => {
  let request = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    request += chunk;
    if (!request.endsWith("\n")) return;
    const args = JSON.parse(request) as string[];
    void captureConsole(() => runCommand(args)).then(({ result: code, stdout, stderr }) => {
      socket.end(JSON.stringify({ code, stdout: stdout.join("\n"), stderr: stderr.join("\n") }));
    });
  });
});

rmSync(socketPath, { force: true });
server.listen(socketPath, () => console.log("ready"));

// The test runner that started this process holds its stdin: when the runner ends, so does this.
process.stdin.resume();
process.stdin.on("end", () => {
  server.close();
  void disconnect().finally(() => process.exit(0));
});
