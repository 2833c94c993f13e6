/**
 * How the user can run trainpack again, for the commands printed in hints
 * ("Next: trainpack build c"): `trainpack` when that name on the PATH is
 * this program, `npx trainpack` under npx or an npm script, else
 * `node <path to bin/trainpack.js>`.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

let known: string | undefined;

function real(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/** The real path of the first `trainpack` on the PATH (what the user's shell runs), if any. */
function onPath(PATH: string): string | undefined {
  const names = process.platform === 'win32' ? ['trainpack.cmd', 'trainpack.exe'] : ['trainpack'];
  for (const dir of PATH.split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        if (!statSync(file).isFile()) continue;
      } catch {
        continue;
      }
      // A Windows shim is not a link to the script: the package folder beside it stands for it.
      return process.platform === 'win32' ? real(path.join(dir, 'node_modules/trainpack/bin/trainpack.js')) : real(file);
    }
  }
  return undefined;
}

/** The command that runs this trainpack from the current folder. */
export function selfCommand(env: NodeJS.ProcessEnv = process.env, script = process.argv[1] ?? ''): string {
  if (known !== undefined && env === process.env) return known;
  const me = real(script);
  // Under npx or an npm script the PATH holds node_modules/.bin, which the user's shell does not.
  let found: string | undefined = env.npm_command === 'exec' || env.npm_command === 'run-script' ? 'npx trainpack' : undefined;
  if (!found && onPath(env.PATH ?? '') === me && me !== undefined) found = 'trainpack';
  if (!found) {
    const rel = path.relative(process.cwd(), script) || script;
    found = `node ${/\s/.test(rel) ? JSON.stringify(rel) : rel}`;
  }
  if (env === process.env) known = found;
  return found;
}

/** A hint's `trainpack <command>` written as the command that works here. */
export function runnable(text: string, self?: string): string {
  if (!text.includes('trainpack ')) return text;
  self ??= selfCommand();
  return self === 'trainpack' ? text : text.replace(/(^|[\s`'"(])trainpack(?= (?:init|build|check|dev|overlay|export|pack|translate|schedule|strings)\b)/g, `$1${self}`);
}
