// Sends one command line to e2e/cli-server.ts and behaves like the CLI itself: its output on
// stdout/stderr, its exit code. Plain Node (no TypeScript loader), so that it starts in milliseconds.
import { connect } from "node:net";

const [socketPath, ...args] = process.argv.slice(2);
const socket = connect(socketPath, () => socket.write(`${JSON.stringify(args)}\n`));
let answer = "";
socket.setEncoding("utf8");
socket.on("data", (chunk) => (answer += chunk));
socket.on("end", () => {
  const { code, stdout, stderr } = JSON.parse(answer);
  if (stdout) process.stdout.write(`${stdout}\n`);
  if (stderr) process.stderr.write(`${stderr}\n`);
  process.exitCode = code;
});
