/**
 * The interface's two languages and the one function that looks a string up. No i18n library:
 * what the interface needs (two languages, named parameters, no plural rules because every
 * sentence is phrased without them) is this file; a library would add a runtime, a loader and
 * ICU message syntax the app does not use.
 */
import type { Label } from '../domain/labels';
import { problemOf, type Problem, type ProblemCode } from '../domain/problem';
import { DEFAULT_RELATION_TYPES } from '../domain/relations';
import { en } from './en';
import { zh } from './zh';

import type { MessageKey, Messages } from './keys';

export type { MessageKey, Messages } from './keys';

/** The `{name}` placeholders of a string literal type. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
export type ParamsOf<K extends MessageKey> = Placeholders<(typeof en)[K]>;
/** The parameters a key takes: none, or an object naming every placeholder of its English text. */
export type ParamArgs<K extends MessageKey> = [ParamsOf<K>] extends [never] ? [] : [params: Record<ParamsOf<K>, string | number>];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const TABLES: Record<Language, Messages> = { 'zh-CN': zh, en };

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The browser's preferred language: any Chinese variant (zh, zh-CN, zh-TW…) gives Chinese, anything else English. */
export function defaultLanguage(preferred: readonly string[]): Language {
  return preferred.some((l) => /^zh\b/i.test(l)) ? 'zh-CN' : 'en';
}

export function translate<K extends MessageKey>(language: Language, key: K, ...[params]: ParamArgs<K>): string {
  const text: string = TABLES[language][key];
  if (!params) return text;
  const values = params as Record<string, string | number>;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export type Translate = <K extends MessageKey>(key: K, ...params: ParamArgs<K>) => string;

/** A label's name in the interface language (labels carry a Chinese `name` and an English `nameEn`). */
export function labelName(label: Pick<Label, 'name' | 'nameEn'>, language: Language): string {
  return language === 'zh-CN' ? label.name : label.nameEn || label.name;
}

/** The keys whose text takes no parameter. */
export type PlainKey = { [K in MessageKey]: [ParamsOf<K>] extends [never] ? K : never }[MessageKey];

/** A relation type's name in the interface language (the id for a type not in the defaults). */
export function relationTypeName(id: string, language: Language): string {
  const type = DEFAULT_RELATION_TYPES.find((x) => x.id === id);
  if (!type) return id;
  return language === 'zh-CN' ? type.name : type.nameEn;
}

/** Every ProblemCode has its text: a code without one is a type error here. */
type ProblemKey = `problem.${ProblemCode}`;
const problemKeysExist: ProblemKey extends MessageKey ? true : never = true;
void problemKeysExist;

/**
 * A Problem in the interface's language; a parameter the text does not name is ignored, one that
 * is a Problem itself (a cause) is rendered in the same language, and so is the Problem's `cause`,
 * which stands for `{detail}` when the parameters name no detail of their own.
 */
export function describeProblem(language: Language, p: Problem): string {
  const text: string = TABLES[language][`problem.${p.code}` as MessageKey];
  const params: Record<string, string | number | Problem> = { ...p.params };
  if (p.cause && !Object.hasOwn(params, 'detail')) params.detail = p.cause;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name]!;
    return typeof value === 'object' ? describeProblem(language, value) : String(value);
  });
}

/**
 * What the interface says of any error: its Problem in the interface's language where it carries
 * one, otherwise (an error from the browser or a library) the "unexpected" problem with its message.
 */
export function describeError(language: Language, error: unknown): string {
  const p = problemOf(error) ?? { code: 'unexpected' as const, params: { detail: error instanceof Error ? error.message : String(error) } };
  return describeProblem(language, p);
}
