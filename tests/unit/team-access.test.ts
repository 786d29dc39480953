import { describe, expect, it } from 'vitest';
import { access, type Member } from '../../src/domain/team/access';
import { documentName, parseDocumentName, type TeamDocument } from '../../src/domain/team/documents';

const ann: Member = { project: 'p1', name: '王芳', role: 'annotator' };
const cur: Member = { project: 'p1', name: 'cur', role: 'curator' };
const own: Member = { project: 'p1', name: 'boss', role: 'owner' };
const layer = (l: string): TeamDocument => ({ kind: 'layer', project: 'p1', record: 'r1', layer: l });
const before = { released: false, textStored: true };
const after = { released: true, textStored: true };

describe('team document names', () => {
  it('round-trip, Chinese member names included, and refuse anything else', () => {
    for (const d of [{ kind: 'project', project: 'p1' }, { kind: 'text', project: 'p1', record: 'r-2' }, layer('王芳'), layer('curation')] as TeamDocument[]) {
      expect(parseDocumentName(documentName(d))).toEqual(d);
    }
    for (const bad of ['', 'yishi', 'yishi/p1', 'yishi/p 1/project', 'other/p1/project', 'yishi/p1/record/r1', 'yishi/p1/record/r1/layer/', 'yishi/p1/record/r1/layer/a%2Fb', 'yishi/p1/record/r1/layer/%E0', 'yishi/p1/record/r1/text/x', 'yishi/../project']) {
      expect(parseDocumentName(bad), bad).toBeUndefined();
    }
  });
});

describe('team access', () => {
  it('keeps annotators blind: their own layer only, the curation layer read-only after release', () => {
    expect(access(ann, layer('王芳'), before)).toBe('write');
    expect(access(ann, layer('李明'), before)).toBe('none');
    expect(access(ann, layer('李明'), after)).toBe('none');
    expect(access(ann, layer('curation'), before)).toBe('none');
    expect(access(ann, layer('curation'), after)).toBe('read');
    expect(access(ann, { kind: 'project', project: 'p1' }, before)).toBe('read');
    expect(access(ann, { kind: 'text', project: 'p1', record: 'r1' }, { released: false, textStored: false })).toBe('read');
  });

  it('lets a curator read the layers only once released, and write the curation layer', () => {
    expect(access(cur, layer('王芳'), before)).toBe('none');
    expect(access(cur, layer('王芳'), after)).toBe('read');
    expect(access(cur, layer('curation'), before)).toBe('write');
    expect(access(cur, { kind: 'project', project: 'p1' }, before)).toBe('write');
  });

  it('writes a text once, and never crosses projects', () => {
    expect(access(own, { kind: 'text', project: 'p1', record: 'r1' }, { released: false, textStored: false })).toBe('write');
    expect(access(own, { kind: 'text', project: 'p1', record: 'r1' }, before)).toBe('read');
    expect(access(own, layer('王芳'), before)).toBe('write');
    expect(access({ ...own, project: 'p2' }, layer('王芳'), after)).toBe('none');
    expect(access({ ...ann, project: 'p2' }, { kind: 'project', project: 'p1' }, after)).toBe('none');
  });
});
