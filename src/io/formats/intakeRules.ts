/**
 * The intake rules every importer applies before a file's records are accepted, the same as the
 * native reader's: what text a record and its title may hold (domain/textRules.ts) and what a
 * label id may be (domain/labelIds.ts).
 */
import { describeTextRuleProblem, textRuleProblem } from '../../domain/textRules';
import type { AnnotatedRecord } from '../../domain/record';

export function intakeProblems(
  entry: { item: AnnotatedRecord; where: string },
  _unknownLabels: readonly string[],
  p: { add(where: string, message: string): void },
): void {
  const { document } = entry.item;
  const text = textRuleProblem(document.text, 'text');
  if (text) p.add(entry.where, `text: ${describeTextRuleProblem(text)}`);
  const title = textRuleProblem(document.title, 'title');
  if (title) p.add(entry.where, `title: ${describeTextRuleProblem(title)}`);
}
