#!/usr/bin/env python3
"""Agreement between annotators' exports of the same record, computed independently of Yishi.

Standard library only. Each argument is a Yishi native JSON file (``*.json``) or a dataset JSONL
file (``*.jsonl``); each file is one layer, named by the file's ``annotator`` where its spans say
so, otherwise by the file name. Documents are matched across files by their text (the same code
points). Prints JSON: for every pair of layers and every label (and ``all``), the counts, the exact
and overlap F1 (one-to-one matching, largest overlap first) and Krippendorff's alpha_u, with the
definitions of docs/agreement.md. Yishi's Agreement view must show the same numbers.

    python3 scripts/agreement.py ann.json bob.json [--labels proposal,problem,...]
"""
import json
import os
import sys


def read_layer(path):
    """(layer name, {text: [(label, start, end)]}) of one export."""
    with open(path, encoding='utf-8') as f:
        raw = f.read()
    docs = {}
    names = set()
    if path.endswith('.jsonl'):
        for line in raw.splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            spans = docs.setdefault(r['text'], [])
            for s in r.get('spans', []):
                spans.append((s['label'], s['start'], s['end']))
                if s.get('annotator'):
                    names.add(s['annotator'])
    else:
        data = json.loads(raw)
        for d in data['documents']:
            spans = docs.setdefault(d['text'], [])
            for a in d.get('annotations', []):
                spans.append((a['label'], a['start'], a['end']))
                if a.get('annotator'):
                    names.add(a['annotator'])
    name = names.pop() if len(names) == 1 else os.path.splitext(os.path.basename(path))[0]
    return name, docs


def exact_matches(a, b):
    pool = {}
    for s in b:
        pool[s] = pool.get(s, 0) + 1
    m = 0
    for s in a:
        if pool.get(s, 0) > 0:
            pool[s] -= 1
            m += 1
    return m


def overlap_matches(a, b):
    cands = []
    for i, (la, sa, ea) in enumerate(a):
        for j, (lb, sb, eb) in enumerate(b):
            shared = min(ea, eb) - max(sa, sb)
            if la == lb and shared > 0:
                cands.append((-shared, sa, sb, (ea - sa) + (eb - sb), i, j))
    cands.sort()
    used_a, used_b, m = set(), set(), 0
    for _, _, _, _, i, j in cands:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        m += 1
    return m


def f1(m, na, nb):
    return None if na + nb == 0 else 2 * m / (na + nb)


def merged_units(spans):
    out = []
    for s, e in sorted((s, e) for s, e in spans if e > s):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def sections(units, length):
    out, pos = [], 0
    for s, e in units:
        if s > pos:
            out.append((pos, s, False))
        out.append((s, e, True))
        pos = e
    if length > pos:
        out.append((pos, length, False))
    return out


def delta2(g, h):
    if g[2] and h[2]:
        return (g[0] - h[0]) ** 2 + (g[1] - h[1]) ** 2
    if g[2] and not h[2]:
        return (g[1] - g[0]) ** 2 if h[0] <= g[0] and g[1] <= h[1] else 0
    if h[2] and not g[2]:
        return (h[1] - h[0]) ** 2 if g[0] <= h[0] and h[1] <= g[1] else 0
    return 0


def alpha_u(raters, length, labels):
    """raters: list of [(label, start, end)] on one continuum [0, length). Returns (alpha, {label: alpha})."""
    m = len(raters)
    if m < 2 or length <= 0:
        return None, {}
    per, do_sum, de_sum, used = {}, 0.0, 0.0, False
    for c in labels:
        units = [merged_units([(s, e) for (l, s, e) in r if l == c]) for r in raters]
        secs = [sections(u, length) for u in units]
        obs = 0
        for i in range(m):
            for j in range(i + 1, m):
                for g in secs[i]:
                    for h in secs[j]:
                        if min(g[1], h[1]) > max(g[0], h[0]):
                            obs += delta2(g, h)
        d_o = 2 * obs / (m * (m - 1) * length * length)
        lengths = [e - s for u in units for s, e in u]
        gaps = [e - s for sec in secs for s, e, unit in sec if not unit]
        n = len(lengths)
        num = sum((n - 1) * (2 * l ** 3 - 3 * l ** 2 + l) / 3 + l * l * sum(g - l + 1 for g in gaps if g >= l) for l in lengths)
        num *= 2 / length
        den = m * length * (m * length - 1) - sum(l * (l - 1) for l in lengths)
        d_e = num / den if den > 0 else 0
        if n == 0:
            per[c] = None
            continue
        used = True
        per[c] = None if d_e == 0 else 1 - d_o / d_e
        do_sum += d_o
        de_sum += d_e
    if not used or de_sum == 0:
        return None, per
    return 1 - do_sum / de_sum, per


def main(argv):
    labels = None
    files = []
    it = iter(argv)
    for a in it:
        if a == '--labels':
            labels = next(it).split(',')
        else:
            files.append(a)
    layers = [read_layer(p) for p in files]
    texts = []
    for _, docs in layers:
        for t in docs:
            if t not in texts:
                texts.append(t)
    if labels is None:
        labels = sorted({l for _, docs in layers for spans in docs.values() for (l, _, _) in spans})
    rows = []
    for i in range(len(layers)):
        for j in range(i + 1, len(layers)):
            (na, da), (nb, db) = layers[i], layers[j]
            # One continuum: the records one after another (code points), as Yishi does for a library.
            ra, rb, offset = [], [], 0
            for t in texts:
                ra += [(l, s + offset, e + offset) for (l, s, e) in da.get(t, [])]
                rb += [(l, s + offset, e + offset) for (l, s, e) in db.get(t, [])]
                offset += len(t)
            alpha, per = alpha_u([ra, rb], offset, labels)
            for label in labels + ['all']:
                pick = (lambda x: True) if label == 'all' else (lambda x, label=label: x[0] == label)
                sa = [x for x in ra if pick(x) and x[0] in labels]
                sb = [x for x in rb if pick(x) and x[0] in labels]
                ex, ov = exact_matches(sa, sb), overlap_matches(sa, sb)
                rows.append({
                    'a': na, 'b': nb, 'label': label, 'spans_a': len(sa), 'spans_b': len(sb),
                    'exact': ex, 'overlap': ov, 'f1_exact': f1(ex, len(sa), len(sb)),
                    'f1_overlap': f1(ov, len(sa), len(sb)),
                    'alpha_u': alpha if label == 'all' else per.get(label),
                })
    json.dump({'layers': [n for n, _ in layers], 'labels': labels, 'rows': rows}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main(sys.argv[1:])
