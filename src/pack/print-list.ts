/**
 * The print list of a workshop pack: which PDF, how many copies, on what
 * paper. Handouts, agendas and knowledge tests one per participant (tests
 * twice: before and after), role cards one set per role-play group, one
 * guide and one answer key per facilitator, one attendance sheet.
 */
export interface PrintRow {
  file: string;
  copies: number;
  paper: string;
  note: string;
}

export interface PrintListInput {
  participants: number;
  facilitators: number;
  paper: 'a4' | 'letter';
  /** PDFs in the pack, relative to the pack folder. */
  pdfs: string[];
  /** Roles per role-play (for the number of groups). */
  roleplays: { unit: string; roles: number }[];
  strings: Record<string, string>;
}

/** Rows of the print list, in the order of `pdfs`. */
export function printList(input: PrintListInput): PrintRow[] {
  const paper = input.paper === 'letter' ? 'Letter' : 'A4';
  const s = (k: string, fallback: string) => input.strings[k] ?? fallback;
  const maxRoles = Math.max(2, ...input.roleplays.map((r) => r.roles));
  const groups = Math.ceil(input.participants / maxRoles);
  return input.pdfs.map((file) => {
    if (file === 'participant-handout.pdf' || file === 'pack/agenda.pdf') return { file, copies: input.participants, paper, note: s('print_per_participant', 'one per participant') };
    if (file === 'pack/knowledge-test.pdf') return { file, copies: input.participants * 2, paper, note: s('print_pre_post', 'two per participant: before and after') };
    if (file === 'role-cards.pdf') return { file, copies: groups, paper, note: `${s('print_per_group', 'one set per group')} (${groups} × ${maxRoles})` };
    if (file === 'facilitator-guide.pdf' || file === 'pack/knowledge-test-answer-key.pdf') return { file, copies: input.facilitators, paper, note: s('print_per_facilitator', 'one per facilitator') };
    if (file === 'pack/attendance-sheet.pdf') return { file, copies: 1, paper, note: s('print_once', 'one') };
    return { file, copies: 0, paper: '16:9', note: s('print_projected', 'projected; print only if needed') };
  });
}

/** The print list as CSV (RFC 4180 quoting). */
export function printListCsv(rows: PrintRow[]): string {
  const q = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return ['file,copies,paper,note', ...rows.map((r) => [r.file, r.copies, r.paper, r.note].map(q).join(','))].join('\n') + '\n';
}
