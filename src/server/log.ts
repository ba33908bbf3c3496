// The log writers: one JSON line with its time, where the platform keeps the process's output as it
// is (local server, OpenFaaS, the Lambda runtime's stdout, Bun) or the console's (Cloudflare Workers,
// Deno, which would load Node's stream polyfills for process.stdout).

function logText(line: object): string {
  return JSON.stringify({ time: new Date().toISOString(), ...line });
}

export function writeLogLine(stream: NodeJS.WritableStream, line: object): void {
  stream.write(`${logText(line)}\n`);
}

export function consoleLogLine(line: object): void {
  console.log(logText(line));
}
