/**
 * XML bodies, read with `sax` (strict mode, resuming after errors, so malformed XML still yields what it can):
 * element text (`xml:/root/a`), attribute values (`xml:/root/a/@probe`) and names (element and attribute
 * names as `name` targets), processing instructions, and the DOCTYPE with its ENTITY declarations as one
 * `xml-decl` target. Entities declared in the DOCTYPE are never expanded (no XXE, no billion laughs): only
 * the five XML entities and numeric references are decoded.
 */
import sax from 'sax';
import type { CollectLimits } from './collect-json.js';
import type { Target } from './types.js';

const MAX_ERRORS = 50;
const MAX_PATH_DEPTH = 32;

/** Adds the targets of an XML document to `out`. Returns false when the text is not XML at all. */
export function collectXml(text: string, out: Target[], limits: CollectLimits): boolean {
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false, position: false });
  const stack: string[] = [];
  let errors = 0;
  let sawElement = false;
  let aborted = false;
  const path = () => (stack.length ? `/${stack.slice(0, MAX_PATH_DEPTH).join('/')}` : '/');
  const push = (t: Target) => {
    if (limits.remaining <= 0) {
      limits.cut ??= 'too many values to inspect';
      return;
    }
    out.push(t);
    limits.remaining--;
  };
  parser.onopentag = (node) => {
    sawElement = true;
    stack.push(node.name);
    const here = path();
    push({ kind: 'name', location: `xml:${here}`, value: node.name });
    for (const name in node.attributes) {
      const v = node.attributes[name];
      const loc = `xml:${here}/@${name}`;
      push({ kind: 'name', location: loc, value: name });
      push({ kind: 'arg', location: loc, value: typeof v === 'string' ? v : (v?.value ?? ''), name });
    }
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  const onText = (t: string) => {
    if (t.trim() === '') return;
    push({ kind: 'arg', location: `xml:${path()}`, value: t, name: stack[stack.length - 1] });
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.onprocessinginstruction = (pi) => {
    if (pi.name.toLowerCase() !== 'xml') push({ kind: 'arg', location: `xml:${path()}/?${pi.name}`, value: `<?${pi.name} ${pi.body}?>` });
  };
  parser.ondoctype = (doctype) => {
    push({ kind: 'xml-decl', location: 'xml:!DOCTYPE', value: `<!DOCTYPE${doctype}>` });
  };
  parser.onerror = () => {
    errors++;
    if (errors > MAX_ERRORS) {
      aborted = true;
      return;
    }
    parser.error = null as unknown as Error;
    parser.resume();
  };
  try {
    parser.write(text);
    if (!aborted) parser.close();
  } catch {
    aborted = true;
  }
  if (aborted) limits.cut ??= 'XML too malformed to read completely';
  return sawElement;
}
