/**
 * Speaker detection for meeting records: "马丽娟委员", "市长廖国勋", "副市长…", departments such as
 * "市发改委" and "市工业和信息化局", and speaker lines such as "天津市政协常委、…专职副主委赵长龙:".
 * The patterns, title words and roles come from cues.json.
 */
import type { CompiledCues, SpeakerRole } from './cueConfig';
import { stripEnd } from './strip';

export interface Speaker {
  /** The person's name, or the body's name when no person is named (e.g. "市发改委"). */
  name: string;
  role?: SpeakerRole;
}

/** Names already seen in a record, with their role: a later bare "廖国勋表示" resolves. */
export type SpeakerRegistry = Map<string, SpeakerRole | undefined>;

const HAN_NAME = /^\p{Script=Han}{2,4}$/u;

function roleOf(phrase: string, cues: CompiledCues): SpeakerRole | undefined {
  for (const r of cues.roles) if (r.test.test(phrase)) return r.role;
  return undefined;
}

/** Seeds a registry from every unambiguous mention in the text (市长…, 副市长…). */
export function seedRegistry(text: string, cues: CompiledCues): SpeakerRegistry {
  const registry: SpeakerRegistry = new Map();
  for (const p of cues.speakers) {
    if (p.id !== 'mayor' && p.id !== 'vice-mayor') continue;
    for (const m of text.matchAll(p.test)) {
      const name = m.groups?.name;
      if (!name) continue;
      // "市长李四出席" captures 李四出: a 2-character name is as likely, so both are kept
      // (a lookup prefers the longest name it finds in a phrase).
      for (const n of name.length === 3 ? [name, name.slice(0, 2)] : [name]) if (!registry.has(n)) registry.set(n, p.role);
    }
  }
  return registry;
}

/**
 * The speaker named in a phrase ("马丽娟委员建议", "政协委员、…总经理刘金泉认为",
 * "天津市工业和信息化局:"), or undefined. The trailing verb of saying is removed first. Adds what it
 * finds to the registry.
 */
export function detectSpeaker(
  phrase: string,
  cues: CompiledCues,
  registry: SpeakerRegistry = new Map(),
): Speaker | undefined {
  let p = stripEnd(phrase);
  p = p.replace(cues.speechVerbAtEnd, '').replace(/^(?:并|还|也|同时)$/u, '');
  p = stripEnd(p.replace(/(?:并|还|也)$/u, ''));
  if (p === '') return undefined;
  const role = roleOf(p, cues);
  const found = (name: string, r: SpeakerRole | undefined): Speaker => {
    const known = registry.get(name);
    const speaker: Speaker = { name, role: known ?? r };
    if (!registry.has(name) || known === undefined) registry.set(name, speaker.role);
    return speaker;
  };

  // 1. 市长某某 / 副市长某某.
  for (const s of cues.speakers) {
    if (s.id !== 'mayor' && s.id !== 'vice-mayor') continue;
    s.test.lastIndex = 0;
    const m = s.test.exec(p);
    if (m?.groups?.name && p.endsWith(m.groups.name)) return found(m.groups.name, s.role);
  }
  // 2. A title word followed by a name at the end: "…总经理刘金泉", "…专职副主委赵长龙".
  let bestEnd = -1;
  for (const t of cues.titleWords) {
    const at = p.lastIndexOf(t);
    if (at >= 0 && at + t.length > bestEnd) bestEnd = at + t.length;
  }
  if (bestEnd >= 0) {
    const rest = p.slice(bestEnd);
    if (HAN_NAME.test(rest) && !cues.notNames.has(rest) && !cues.notNamePattern.test(rest)) return found(rest, role);
  }
  // 3. A name already seen in this record.
  let known: string | undefined;
  for (const name of registry.keys()) if (p.includes(name) && (!known || name.length > known.length)) known = name;
  if (known) return found(known, registry.get(known));
  // 4. 某某委员: the Han run before 委员, without title words; a long run keeps its last 3.
  for (const s of cues.speakers) {
    if (s.role !== 'member') continue;
    s.test.lastIndex = 0;
    for (const m of p.matchAll(s.test)) {
      const before = p.slice(0, m.index + m[0].length - 2);
      const run = /\p{Script=Han}+$/u.exec(before)?.[0] ?? '';
      let name = run;
      for (const t of cues.titleWords) {
        const at = name.lastIndexOf(t);
        if (at >= 0) name = name.slice(at + t.length);
      }
      if (name.length > 4) name = name.slice(-3);
      if (HAN_NAME.test(name) && !cues.notNames.has(name) && !cues.notNamePattern.test(name)) return found(name, 'member');
    }
  }
  // 5. A department: 市发改委, 市工业和信息化局.
  for (const s of cues.speakers) {
    if (s.id !== 'department') continue;
    s.test.lastIndex = 0;
    const m = s.test.exec(p);
    if (m) return found(m[0].replace(/^(?:天津|北京|上海|重庆)/u, ''), role ?? s.role);
  }
  // 6. A speaker line naming only a body ("天津市科技局:"): the phrase itself.
  if (role === 'official' && p.length <= 20) return found(p, role);
  return undefined;
}
