/**
 * A small, strict XML reader for REFI-QDA files (issue 11 story 9): elements, attributes, text,
 * CDATA, comments and processing instructions. A document type declaration is refused outright, so
 * no entity can expand (no "billion laughs", no external entities); only the five predefined
 * entities and character references are read. Namespace prefixes are dropped (REFI-QDA has one
 * namespace per file). Pure, no I/O.
 */
export type XmlElement = {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
};

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const MAX_DEPTH = 100;
const NAME = /[A-Za-z_:][\w.:-]*/y;
const ATTR = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
const CLOSE = /\s*>/y;
const END = /\s*(\/?)>/y;

/** A sticky match at position `at`. */
function at(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, pos: number): string {
  return s.replace(/&([^;&\s]{1,10});|&/g, (m: string, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError(`A bare "&" near character ${pos}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const n = /^#x([0-9a-fA-F]+)$/.exec(ref)?.[1] ?? /^#([0-9]+)$/.exec(ref)?.[1];
    if (n !== undefined) {
      const code = ref.startsWith('#x') ? parseInt(n, 16) : parseInt(n, 10);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code);
    }
    throw new XmlError(`An unknown entity "${m}" near character ${pos}`);
  });
}

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Parses a whole document; throws XmlError when it is not well-formed or declares a DTD. */
export function parseXml(input: string): XmlElement {
  const s = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const fail = (msg: string): never => {
    throw new XmlError(`${msg} near character ${i}`);
  };
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const textEnd = lt === -1 ? s.length : lt;
    if (textEnd > i) {
      const text = s.slice(i, textEnd);
      if (stack.length) stack[stack.length - 1]!.text += decode(text, i);
      else if (text.trim()) fail('Text outside the root element');
      i = textEnd;
      continue;
    }
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end === -1) fail('An unterminated comment');
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i + 9);
      if (end === -1 || !stack.length) fail('A misplaced CDATA section');
      stack[stack.length - 1]!.text += s.slice(i + 9, end);
      i = end + 3;
    } else if (s.startsWith('<!', i)) {
      fail('A document type declaration (not allowed)');
    } else if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i + 2);
      if (end === -1) fail('An unterminated processing instruction');
      i = end + 2;
    } else if (s.startsWith('</', i)) {
      const m = at(NAME, s, i + 2);
      const open = stack.pop();
      if (!m || !open || local(m[0]) !== open.name) fail('A closing tag that does not match');
      i += 2 + m![0].length;
      const close = at(CLOSE, s, i);
      if (!close) fail('A malformed closing tag');
      i += close![0].length;
    } else {
      const m = at(NAME, s, i + 1);
      if (!m) fail('A malformed tag');
      if (root && !stack.length) fail('A second root element');
      const el: XmlElement = { name: local(m![0]), attrs: {}, children: [], text: '' };
      i += 1 + m![0].length;
      for (;;) {
        const a = at(ATTR, s, i);
        if (!a) break;
        const key = a[1]!;
        if (key in el.attrs) fail(`A repeated attribute "${key}"`);
        el.attrs[key] = decode(a[3] ?? a[4] ?? '', i).replace(/[\t\n\r]/g, ' ');
        i += a[0].length;
      }
      const end = at(END, s, i);
      if (!end) fail('A malformed tag');
      i += end![0].length;
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else root = el;
      if (!end![1]) {
        stack.push(el);
        if (stack.length > MAX_DEPTH) fail('Elements nested too deeply');
      }
    }
  }
  if (!root) throw new XmlError('No root element');
  if (stack.length) throw new XmlError(`The element "${stack[stack.length - 1]!.name}" is not closed`);
  return root;
}

/** The children of an element with a (local) name. */
export const childrenNamed = (el: XmlElement | undefined, name: string): XmlElement[] =>
  el ? el.children.filter((c) => c.name === name) : [];
export const childNamed = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c) => c.name === name);
