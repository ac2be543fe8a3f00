/**
 * The codebook as a REFI-QDA codebook (`.qdc`, QDA-XML 1.0, namespace `urn:QDA-XML:codebook:1.0`),
 * the exchange format NVivo, ATLAS.ti, MAXQDA and QualCoder read (issue 11 story 3). A tag is a
 * `<Code>` nested under its parent, with its GUID (the tag's id), its name in one language, and a
 * `<Description>` holding the definition, the include and exclude notes and the example. Pure.
 */
export type QdcTag = {
  id: string;
  parentId: string | null;
  name: { da: string; en: string };
  definition: string;
  includeNote: string;
  excludeNote: string;
  example: string;
  /** False for a tag kept only so its codings have a code to point at (archived); default true. */
  isCodable?: boolean;
};

const LABELS = {
  da: { include: 'Medtag', exclude: 'Udelad', example: 'Eksempel' },
  en: { include: 'Include', exclude: 'Exclude', example: 'Example' },
};

/** Text for an XML attribute or element: the five entities, and no character XML 1.0 forbids. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function description(t: QdcTag, lang: 'da' | 'en'): string {
  const l = LABELS[lang];
  return [
    t.definition.trim(),
    t.includeNote.trim() && `${l.include}: ${t.includeNote.trim()}`,
    t.excludeNote.trim() && `${l.exclude}: ${t.excludeNote.trim()}`,
    t.example.trim() && `${l.example}: ${t.example.trim()}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * The tags as nested `<Code>` elements (in tree order: a parent before its children), one line each
 * indented by `indent`; shared by the `.qdc` codebook and the `.qdpx` project's `<CodeBook>`.
 */
export function qdcCodes(tags: readonly QdcTag[], lang: 'da' | 'en', indent: string): string[] {
  const children = new Map<string | null, QdcTag[]>();
  const ids = new Set(tags.map((t) => t.id));
  for (const t of tags) {
    const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const code = (t: QdcTag, indent: string): string => {
    const name = t.name[lang].trim() || t.name[lang === 'da' ? 'en' : 'da'];
    const desc = description(t, lang);
    const kids = children.get(t.id) ?? [];
    const open = `${indent}<Code guid="${t.id}" name="${xmlText(name)}" isCodable="${t.isCodable !== false}"`;
    if (!desc && kids.length === 0) return `${open}/>`;
    return [
      `${open}>`,
      ...(desc ? [`${indent}  <Description>${xmlText(desc)}</Description>`] : []),
      ...kids.map((k) => code(k, `${indent}  `)),
      `${indent}</Code>`,
    ].join('\n');
  };
  return (children.get(null) ?? []).map((t) => code(t, indent));
}

/** The `.qdc` document of the tags (in tree order: a parent before its children). */
export function toQdc(tags: readonly QdcTag[], lang: 'da' | 'en', origin: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="${xmlText(origin)}">`,
    '  <Codes>',
    ...qdcCodes(tags, lang, '    '),
    '  </Codes>',
    '</CodeBook>',
    '',
  ].join('\n');
}

/**
 * A `<Description>` back into a tag's texts: paragraphs labelled as `description` writes them
 * (in either language) become the include and exclude notes and the example; the rest is the
 * definition. A description written by another tool is all definition.
 */
export function fromDescription(desc: string): Pick<QdcTag, 'definition' | 'includeNote' | 'excludeNote' | 'example'> {
  const out = {
    definition: [] as string[],
    includeNote: [] as string[],
    excludeNote: [] as string[],
    example: [] as string[],
  };
  const keys = { include: 'includeNote', exclude: 'excludeNote', example: 'example' } as const;
  for (const para of desc.split(/\n\s*\n/)) {
    const p = para.trim();
    if (!p) continue;
    let placed = false;
    for (const l of Object.values(LABELS)) {
      for (const k of ['include', 'exclude', 'example'] as const) {
        if (!placed && p.startsWith(`${l[k]}: `)) {
          out[keys[k]].push(p.slice(l[k].length + 2).trim());
          placed = true;
        }
      }
    }
    if (!placed) out.definition.push(p);
  }
  const join = (xs: string[]) => xs.join('\n\n');
  return {
    definition: join(out.definition),
    includeNote: join(out.includeNote),
    excludeNote: join(out.excludeNote),
    example: join(out.example),
  };
}
