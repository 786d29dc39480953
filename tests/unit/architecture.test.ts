/**
 * The house rules, read from the sources under src/ (issue 12): no import cycle; no file over 600
 * lines; App.tsx under 300; the interface (ui/) never imports storage/ or io/ (it goes through
 * app/); the domain imports nothing but the domain. Type-only imports count: a cycle of types is
 * still two files that cannot be read one without the other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

/** Files over the limit with the reason they may be (none: keep it that way). */
const SPLIT_ELSEWHERE: Record<string, string> = {};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sources(SRC);
const rel = (path: string) => relative(ROOT, path).split('\\').join('/');

function lineCount(path: string): number {
  const text = readFileSync(path, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Relative module specifiers of a file: static imports and re-exports, dynamic imports, worker URLs. */
export function specifiers(code: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g,
  ];
  for (const p of patterns) for (const m of code.matchAll(p)) out.push(m[1]!);
  return out.filter((s) => s.startsWith('.'));
}

/** The file a relative specifier names, if it is a source file under src/. */
function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (files.includes(candidate)) return candidate;
  }
  return undefined;
}

const graph = new Map<string, string[]>(
  files.map((f) => [f, specifiers(readFileSync(f, 'utf8')).flatMap((s) => resolveImport(f, s) ?? [])]),
);

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
export function cycles(g: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (g.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of g.keys()) if (!indices.has(v)) visit(v);
  return found;
}

describe('the reader of the rules', () => {
  it('finds every kind of import', () => {
    const code = `import a from './a';\nimport type { B } from "../b";\nexport * from './c';\nexport { d } from './d';\nimport './e.css';\nconst f = import('./f');\nnew Worker(new URL('./g.ts', import.meta.url));\nimport x from 'react';\nimport {\n  h,\n  type H,\n} from './h';`;
    expect(specifiers(code)).toEqual(['./a', '../b', './c', './d', './e.css', './h', './f', './g.ts']);
  });

  it('finds a cycle and only cycles', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
      ['e', ['e']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });
});

describe('the house rules of src/', () => {
  it('has sources to read', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get(join(SRC, 'main.tsx'))!.length).toBeGreaterThan(3);
  });

  it('has no import cycle', () => {
    expect(cycles(graph).map((c) => c.map(rel))).toEqual([]);
  });

  it('has no file over 600 lines (but those being split on another branch)', () => {
    const long = files.filter((f) => lineCount(f) > 600).map(rel);
    expect(long.filter((f) => !(f in SPLIT_ELSEWHERE))).toEqual([]);
  });

  it('keeps App.tsx under 300 lines', () => {
    expect(lineCount(join(SRC, 'ui/App.tsx'))).toBeLessThanOrEqual(300);
  });

  it('lets the interface reach storage and io only through app/', () => {
    const ui = join(SRC, 'ui');
    const bad = [...graph]
      .filter(([f]) => f.startsWith(ui))
      .flatMap(([f, deps]) => deps.filter((d) => d.startsWith(join(SRC, 'storage')) || d.startsWith(join(SRC, 'io'))).map((d) => `${rel(f)} → ${rel(d)}`));
    expect(bad).toEqual([]);
  });

  it('keeps the domain pure: it imports only the domain, and no framework', () => {
    const domain = join(SRC, 'domain');
    const bad = [...graph]
      .filter(([f]) => f.startsWith(domain))
      .flatMap(([f, deps]) => deps.filter((d) => !d.startsWith(domain)).map((d) => `${rel(f)} → ${rel(d)}`));
    expect(bad).toEqual([]);
    const frameworks = files
      .filter((f) => f.startsWith(domain))
      .filter((f) => /from\s+['"](react|react-dom|dexie|@tiptap\/[^'"]+|prosemirror-[^'"]+)['"]/.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(frameworks).toEqual([]);
  });
});
