// The log writer of the Node processes: one JSON line with its time, where the platform keeps the
// process's output as it is (local server, OpenFaaS, the Lambda runtime's stdout).

export function writeLogLine(stream: NodeJS.WritableStream, line: object): void {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
}
