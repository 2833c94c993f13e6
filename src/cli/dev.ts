/** `trainpack dev`: the CLI face of startDev(). The server code loads only for this command. */
import { InvalidArgumentError, type Command } from 'commander';
import type { Output } from './report.js';

/** The flags of `trainpack dev`. */
export interface DevFlags {
  overlay?: string;
  port?: number;
  host?: string;
  open?: boolean;
}

/** A TCP port: 0 (any free one) to 65535. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('use a port number from 0 to 65535');
  return n;
}

/** Resolves on Ctrl+C or a termination request. */
function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Add `trainpack dev` to the program. */
export function registerDev(program: Command, io: Output, setCode: (n: number) => void): void {
  program
    .command('dev')
    .description('Serve an edition on this machine, rebuild on save and reload the open pages')
    .argument('[dir]', 'curriculum folder (the one with curriculum.yml)', '.')
    .option('--overlay <id>', 'serve this overlay edition instead of the base')
    .option('-p, --port <n>', 'port to serve on (default 4000, or the next free one; 0 picks any)', parsePort)
    .option('--host <addr>', 'address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 serves the network)')
    .option('--open', 'open the index in the browser')
    .addHelpText(
      'after',
      `
Examples:
  trainpack dev curricula/reintegration             http://127.0.0.1:4000/
  trainpack dev . --overlay sn --open               the Senegal edition, in the browser

Pages are served from memory; nothing is written to disk. Saving a unit re-renders
only the pages that hold it. Errors show over the last good pages until fixed.`,
    )
    .action(async (dir: string, flags: DevFlags) => {
      const { startDev } = await import('../dev/index.js');
      const server = await startDev({ dir, overlay: flags.overlay, port: flags.port, host: flags.host, open: flags.open, log: io.err });
      io.err(`  serving ${server.url} (Ctrl+C to stop)`);
      await stopRequested();
      await server.close();
      setCode(0);
    });
}
