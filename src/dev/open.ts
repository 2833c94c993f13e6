/** Opening the served page in the user's browser, best effort and without a dependency. */
import { spawn } from 'node:child_process';

/** The command that opens a URL on this platform. */
export function openCommand(url: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/** Open `url`; `onFail` hears why it could not (no opener installed, say). Never throws. */
export function openBrowser(url: string, onFail: (reason: string) => void = () => {}): void {
  const [command, args] = openCommand(url);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', (err) => onFail(`${command}: ${err.message}`));
    child.unref();
  } catch (err) {
    onFail(err instanceof Error ? err.message : String(err));
  }
}
