// The log writer of the Node processes: one JSON line per write, where the platform keeps the
// process's output as it is (the local server, OpenFaaS, the Lambda runtime's stdout).
import { atLevel, logLevelFromEnv, type LogLine, type LogWriter } from '../contract/log.ts';

export function writeLogLine(stream: NodeJS.WritableStream, line: LogLine): void {
  stream.write(`${JSON.stringify(line)}\n`);
}

/** JSON lines on `stream`, from the level the environment names (AWS_LAMBDA_LOG_LEVEL, POLYFN_LOG_LEVEL; INFO) up. */
export function streamLog(stream: NodeJS.WritableStream = process.stdout, env: NodeJS.ProcessEnv = process.env): LogWriter {
  return atLevel(logLevelFromEnv(env), (line) => writeLogLine(stream, line));
}
