/** PDF stage (placeholder until the PDF work lands: see issue 3). */
import { Diagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import type { Staging } from '../emit/atomic.js';
import type { Edition } from '../resolve/edition.js';

export interface PdfStageOptions {
  browser?: string;
  paper: 'a4' | 'letter';
  notes: boolean;
  onWarning: (d: Diagnostic) => void;
  /** Called for every PDF written, with its path relative to the edition folder. */
  onPdf: (editionId: string, rel: string) => void;
}

export interface PdfStats {
  browser: string;
  launchMs: number;
  pages: number;
  ms: number;
}

export async function renderEditionPdfs(
  _staging: Staging,
  _editions: { edition: Edition; strings: Record<string, string> }[],
  _options: PdfStageOptions,
): Promise<PdfStats> {
  const diags = new Diagnostics();
  diags.error('pdf', 'PDF output is not available yet: build with --format html', { file: '(pdf)' });
  throw new TrainpackError(diags.list);
}
