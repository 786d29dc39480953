/**
 * A minimal .docx, built in the test (fflate zip of hand-written OOXML): paragraphs, headings
 * (styles "heading 1/2"), lists with Word's automatic numbering (numbering.xml), tables and
 * footnotes. Enough for mammoth to read it as Word writes it.
 */
import { strToU8, zipSync } from 'fflate';

export type Block =
  | { kind: 'p'; text: string; footnote?: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'item'; list: number; level: number; text: string }
  | { kind: 'table'; rows: string[][] };

/** A list definition: per level, Word's number format and level text (e.g. chineseCounting, "%1、"). */
export interface ListDef {
  levels: { format: string; text: string; start?: number }[];
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (text: string) => `<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;

export function buildDocx(blocks: readonly Block[], lists: readonly ListDef[] = []): Uint8Array {
  const footnotes: string[] = [];
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'p': {
          let refs = '';
          if (b.footnote !== undefined) {
            footnotes.push(b.footnote);
            refs = `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${footnotes.length}"/></w:r>`;
          }
          return `<w:p w:rsidR="00AB12CD">${run(b.text)}${refs}</w:p>`;
        }
        case 'heading':
          return `<w:p><w:pPr><w:pStyle w:val="Heading${b.level}"/></w:pPr>${run(b.text)}</w:p>`;
        case 'item':
          return `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="${b.level}"/><w:numId w:val="${b.list}"/></w:numPr></w:pPr>${run(b.text)}</w:p>`;
        case 'table':
          return `<w:tbl><w:tblPr/>${b.rows.map((row) => `<w:tr>${row.map((cell) => `<w:tc><w:p>${run(cell)}</w:p></w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
      }
    })
    .join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const numbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}">${lists
    .map(
      (l, i) =>
        `<w:abstractNum w:abstractNumId="${i}">${l.levels
          .map((lv, k) => `<w:lvl w:ilvl="${k}"><w:start w:val="${lv.start ?? 1}"/><w:numFmt w:val="${lv.format}"/><w:lvlText w:val="${esc(lv.text)}"/></w:lvl>`)
          .join('')}</w:abstractNum>`,
    )
    .join('')}${lists.map((_, i) => `<w:num w:numId="${i + 1}"><w:abstractNumId w:val="${i}"/></w:num>`).join('')}</w:numbering>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/></w:style></w:styles>`;
  const notes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="${W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${footnotes
    .map((f, i) => `<w:footnote w:id="${i + 1}"><w:p><w:r><w:footnoteRef/></w:r>${run(` ${f}`)}</w:p></w:footnote>`)
    .join('')}</w:footnotes>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="${R}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="${R}/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="${R}/footnotes" Target="footnotes.xml"/></Relationships>`;
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>`;
  const root = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`;
  return zipSync({
    '[Content_Types].xml': strToU8(types),
    '_rels/.rels': strToU8(root),
    'word/document.xml': strToU8(document),
    'word/_rels/document.xml.rels': strToU8(rels),
    'word/styles.xml': strToU8(styles),
    'word/numbering.xml': strToU8(numbering),
    'word/footnotes.xml': strToU8(notes),
  });
}
