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

/** The `.qdc` document of the tags (in tree order: a parent before its children). */
export function toQdc(tags: readonly QdcTag[], lang: 'da' | 'en', origin: string): string {
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
    const open = `${indent}<Code guid="${t.id}" name="${xmlText(name)}" isCodable="true"`;
    if (!desc && kids.length === 0) return `${open}/>`;
    return [
      `${open}>`,
      ...(desc ? [`${indent}  <Description>${xmlText(desc)}</Description>`] : []),
      ...kids.map((k) => code(k, `${indent}  `)),
      `${indent}</Code>`,
    ].join('\n');
  };
  const top = children.get(null) ?? [];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="${xmlText(origin)}">`,
    '  <Codes>',
    ...top.map((t) => code(t, '    ')),
    '  </Codes>',
    '</CodeBook>',
    '',
  ].join('\n');
}
