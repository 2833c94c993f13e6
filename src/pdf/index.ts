/** PDF stage (placeholder until the PDF work lands). */
import { Diagnostics, TrainpackError, type Diagnostic } from '../errors.js';
import type { Staging } from '../emit/atomic.js';
import type { Edition } from '../resolve/edition.js';

export interface PdfStageOptions {
  browser?: string;
  onWarning: (d: Diagnostic) => void;
  onPdf: (editionId: string, rel: string) => void;
}

export async function renderEditionPdfs(
  _staging: Staging,
  _editions: { edition: Edition; strings: Record<string, string> }[],
  _options: PdfStageOptions,
): Promise<{ pages: number; ms: number; browser: string }> {
  const diags = new Diagnostics();
  diags.error('pdf', 'PDF output is not available yet: build with --format html', { file: '(pdf)' });
  throw new TrainpackError(diags.list);
}
