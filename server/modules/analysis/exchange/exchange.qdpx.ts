import { type QdcTag, qdcCodes, xmlText } from '../codebook/codebook.qdc.ts';
import { normalGuid } from './exchange.rules.ts';
import { childNamed, childrenNamed, parseXml, XmlError, type XmlElement } from './exchange.xml.ts';

/**
 * A REFI-QDA project (`project.qde` inside a `.qdpx`, QDA-XML 1.0, namespace `urn:QDA-XML:project:1.0`)
 * written from Samråd's analysis and read back (issue 11 story 9). Pure: no I/O.
 */

export type ProjectUser = { guid: string; name: string };
export type ProjectSelection = {
  guid: string;
  codingGuid: string;
  codeGuid: string;
  start: number;
  end: number;
  userGuid: string;
  createdAt: string;
  note: string;
};
export type ProjectSource = { guid: string; name: string; createdAt: string; selections: ProjectSelection[] };
export type Project = {
  name: string;
  origin: string;
  lang: 'da' | 'en';
  createdAt: string;
  description: string;
  users: ProjectUser[];
  codes: QdcTag[];
  sources: ProjectSource[];
};

/** The marker of the language the sources' headings were written in, on the project's description. */
const LANG_MARK = 'samraad:lang=';

/** The `project.qde` document; each source's text is a file `sources/<guid>.txt` the caller zips alongside. */
export function toProjectXml(p: Project): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Project xmlns="urn:QDA-XML:project:1.0" name="${xmlText(p.name)}" origin="${xmlText(p.origin)}" creationDateTime="${p.createdAt}">`,
  ];
  if (p.users.length) {
    lines.push('  <Users>');
    for (const u of p.users) lines.push(`    <User guid="${u.guid}" name="${xmlText(u.name)}"/>`);
    lines.push('  </Users>');
  }
  if (p.codes.length) {
    lines.push('  <CodeBook>', '    <Codes>', ...qdcCodes(p.codes, p.lang, '      '), '    </Codes>', '  </CodeBook>');
  }
  if (p.sources.length) {
    lines.push('  <Sources>');
    for (const s of p.sources) {
      const open = `    <TextSource guid="${s.guid}" name="${xmlText(s.name)}" plainTextPath="internal://${s.guid}.txt" creationDateTime="${s.createdAt}"`;
      if (!s.selections.length) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      for (const x of s.selections) {
        lines.push(
          `      <PlainTextSelection guid="${x.guid}" startPosition="${x.start}" endPosition="${x.end}" creatingUser="${x.userGuid}" creationDateTime="${x.createdAt}">`,
          ...(x.note.trim() ? [`        <Description>${xmlText(x.note)}</Description>`] : []),
          `        <Coding guid="${x.codingGuid}" creatingUser="${x.userGuid}" creationDateTime="${x.createdAt}">`,
          `          <CodeRef targetGUID="${x.codeGuid}"/>`,
          '        </Coding>',
          '      </PlainTextSelection>',
        );
      }
      lines.push('    </TextSource>');
    }
    lines.push('  </Sources>');
  }
  lines.push(`  <Description>${xmlText(`${p.description}\n${LANG_MARK}${p.lang}`)}</Description>`, '</Project>', '');
  return lines.join('\n');
}

/** A file that is not a REFI-QDA document Samråd can read, with the reason a client can act on. */
export class RefiError extends Error {
  constructor(
    readonly reason: 'bad_xml' | 'not_refi' | 'bad_guid' | 'duplicate_guid' | 'unknown_code' | 'bad_position',
    message: string,
  ) {
    super(message);
    this.name = 'RefiError';
  }
}

export type ReadCode = {
  guid: string;
  name: string;
  isCodable: boolean;
  description: string;
  children: ReadCode[];
};
export type ReadSelection = {
  guid: string;
  start: number | null;
  end: number | null;
  codeGuids: string[];
  note: string;
};
export type ReadSource = {
  guid: string;
  name: string;
  /** `internal://x.txt` → `sources/x.txt`; null when the text is inline or elsewhere. */
  path: string | null;
  content: string | null;
  selections: ReadSelection[];
};
export type ReadDocument = {
  kind: 'project' | 'codebook';
  lang: 'da' | 'en' | null;
  codes: ReadCode[];
  sources: ReadSource[];
};

const NAMESPACES = { Project: 'urn:QDA-XML:project:1.0', CodeBook: 'urn:QDA-XML:codebook:1.0' } as const;

/** Reads a `.qdc` codebook or a `project.qde`: its codes, and a project's text sources with their codings. */
export function readRefi(xml: string): ReadDocument {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlError) throw new RefiError('bad_xml', `The file is not well-formed XML: ${err.message}`);
    throw err;
  }
  if (root.name !== 'Project' && root.name !== 'CodeBook') {
    throw new RefiError('not_refi', `Expected a REFI-QDA Project or CodeBook, found <${root.name}>`);
  }
  const ns = root.attrs['xmlns'];
  if (ns !== undefined && ns !== NAMESPACES[root.name]) {
    throw new RefiError('not_refi', `Unexpected namespace ${ns} for <${root.name}>`);
  }
  const seen = new Set<string>();
  const guid = (el: XmlElement, attr = 'guid'): string => {
    const g = normalGuid(el.attrs[attr]);
    if (!g) throw new RefiError('bad_guid', `<${el.name}> has no valid ${attr} ("${el.attrs[attr] ?? ''}")`);
    return g;
  };
  const own = (el: XmlElement): string => {
    const g = guid(el);
    if (seen.has(g)) throw new RefiError('duplicate_guid', `The GUID ${g} is used twice`);
    seen.add(g);
    return g;
  };
  const code = (el: XmlElement): ReadCode => ({
    guid: own(el),
    name: (el.attrs['name'] ?? '').trim(),
    isCodable: el.attrs['isCodable'] !== 'false' && el.attrs['isCodable'] !== '0',
    description: childNamed(el, 'Description')?.text ?? '',
    children: childrenNamed(el, 'Code').map(code),
  });
  const book = root.name === 'CodeBook' ? root : childNamed(root, 'CodeBook');
  const codes = childrenNamed(childNamed(book, 'Codes'), 'Code').map(code);
  const codeGuids = new Set<string>();
  const collect = (cs: ReadCode[]) =>
    cs.forEach((c) => {
      codeGuids.add(c.guid);
      collect(c.children);
    });
  collect(codes);

  const codingsOf = (el: XmlElement): string[] =>
    childrenNamed(el, 'Coding').map((c) => {
      own(c);
      const ref = childNamed(c, 'CodeRef');
      if (!ref) throw new RefiError('unknown_code', 'A <Coding> without a <CodeRef>');
      const target = guid(ref, 'targetGUID');
      if (!codeGuids.has(target))
        throw new RefiError('unknown_code', `A coding refers to the code ${target}, which the codebook lacks`);
      return target;
    });
  const position = (el: XmlElement, attr: string): number => {
    const v = el.attrs[attr];
    if (v === undefined || !/^\s*-?\d{1,12}\s*$/.test(v)) {
      throw new RefiError('bad_position', `<${el.name}> has no whole-number ${attr}`);
    }
    return Number(v);
  };
  const sources: ReadSource[] = [];
  for (const el of childrenNamed(childNamed(root, 'Sources'), 'TextSource')) {
    const g = own(el);
    const path = el.attrs['plainTextPath'];
    const internal = path?.startsWith('internal://') ? `sources/${path.slice('internal://'.length)}` : null;
    const content = childNamed(el, 'PlainTextContent')?.text ?? null;
    const selections: ReadSelection[] = childrenNamed(el, 'PlainTextSelection').map((s) => ({
      guid: own(s),
      start: position(s, 'startPosition'),
      end: position(s, 'endPosition'),
      codeGuids: codingsOf(s),
      note: childNamed(s, 'Description')?.text ?? '',
    }));
    // A coding of the whole source sits directly on it.
    const whole = codingsOf(el);
    if (whole.length) selections.push({ guid: g, start: null, end: null, codeGuids: whole, note: '' });
    sources.push({ guid: g, name: el.attrs['name'] ?? '', path: internal, content, selections });
  }
  const desc = childNamed(root, 'Description')?.text ?? '';
  const lang = /samraad:lang=(da|en)\b/.exec(desc)?.[1] as 'da' | 'en' | undefined;
  return { kind: root.name === 'Project' ? 'project' : 'codebook', lang: lang ?? null, codes, sources };
}
