import { spawn } from 'node:child_process';

/** Result of a finished child process. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Matches ANSI colour/style escape sequences (tools colour their output when they think a terminal reads it). */
// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/g;

/**
 * Runs a command without a shell (arguments are passed as-is) and collects its output.
 * Never rejects for a non-zero exit: callers decide what a failure means. Rejects only when the
 * command cannot be started (e.g. `java` missing), with a message that says which command.
 * Colour is switched off in the child (`NO_COLOR`, `FORCE_COLOR=0`) and any escape sequence left is stripped
 * from the collected output, so parsers see plain text whatever the environment (CI sets colours on).
 */
export function exec(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; echo?: boolean } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', (error) => reject(new Error(`cannot run ${command}: ${error.message}`)));
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout: stdout.replace(ansi, ''), stderr: stderr.replace(ansi, '') }),
    );
  });
}
