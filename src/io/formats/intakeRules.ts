/**
 * The intake rules every importer applies before a file's records are accepted, the same as the
 * native reader's: what text a record and its title may hold (domain/textRules.ts) and what a
 * label id may be (domain/labelIds.ts).
 */
import { describeTextRuleProblem, textRuleProblem } from '../../domain/textRules';
import type { AnnotatedRecord } from '../../domain/record';
import { labelIdProblem } from '../../domain/labelIds';

export function intakeProblems(
  entries: readonly { item: AnnotatedRecord; where: string }[],
  unknownLabels: readonly string[],
  p: { add(where: string, message: string): void },
): void {
  // A label the file uses that the set lacks would be added as it is: it must be an id the
  // label editor accepts.
  for (const id of unknownLabels) {
    const bad = labelIdProblem(id);
    if (bad) p.add('', `label ${JSON.stringify(Array.from(id).slice(0, 40).join(''))}: ${bad}`);
  }
  for (const entry of entries) documentProblems(entry, p);
}

function documentProblems(entry: { item: AnnotatedRecord; where: string }, p: { add(where: string, message: string): void }): void {
  const { document } = entry.item;
  const text = textRuleProblem(document.text, 'text');
  if (text) p.add(entry.where, `text: ${describeTextRuleProblem(text)}`);
  const title = textRuleProblem(document.title, 'title');
  if (title) p.add(entry.where, `title: ${describeTextRuleProblem(title)}`);
}
