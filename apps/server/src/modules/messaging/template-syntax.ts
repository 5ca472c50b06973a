/*
 * The template language of messages, small on purpose so a province admin can write it:
 *
 *   {name}              the variable's value
 *   {#name}…{/name}     the text inside only when the variable has a value (not empty)
 *   {^name}…{/name}     the text inside only when it has none
 *
 * Anything else in braces is text. Sections may nest. Variable names are letters and digits.
 */

type Node =
  | { type: 'text'; text: string }
  | { type: 'var'; name: string }
  | { type: 'section'; name: string; inverted: boolean; children: Node[] };

export interface Parsed {
  nodes: Node[];
  /** every variable named, in placeholders and sections */
  names: Set<string>;
  /** what is wrong: an unclosed or stray section end */
  errors: string[];
}

const TAG = /\{([#^/]?)([A-Za-z][A-Za-z0-9]*)\}/g;

export function parseTemplate(source: string): Parsed {
  const root: Node[] = [];
  const stack: { name: string; children: Node[] }[] = [];
  const names = new Set<string>();
  const errors: string[] = [];
  const current = () => stack.at(-1)?.children ?? root;
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    const [tag, sigil, name] = m as unknown as [string, string, string];
    if (m.index > last) current().push({ type: 'text', text: source.slice(last, m.index) });
    last = m.index + tag.length;
    names.add(name);
    if (sigil === '') {
      current().push({ type: 'var', name });
    } else if (sigil === '#' || sigil === '^') {
      const section: Node = { type: 'section', name, inverted: sigil === '^', children: [] };
      current().push(section);
      stack.push({ name, children: section.children });
    } else {
      const open = stack.at(-1);
      if (!open) errors.push(`{/${name}} closes no section`);
      else if (open.name !== name) errors.push(`{/${name}} closes the section {#${open.name}}`);
      else stack.pop();
    }
  }
  if (last < source.length) current().push({ type: 'text', text: source.slice(last) });
  for (const open of stack) errors.push(`the section {#${open.name}} is not closed`);
  return { nodes: root, names, errors };
}

/** Renders parsed nodes; a variable without a value renders as nothing. */
export function renderNodes(
  nodes: readonly Node[],
  vars: Readonly<Record<string, string>>,
): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'var') out += vars[node.name] ?? '';
    else {
      const set = (vars[node.name] ?? '') !== '';
      if (set !== node.inverted) out += renderNodes(node.children, vars);
    }
  }
  return out;
}

/** What is wrong with a template for a kind that offers `allowed` variables (empty: nothing). */
export function templateProblems(source: string, allowed: readonly string[]): string[] {
  const parsed = parseTemplate(source);
  const unknown = [...parsed.names].filter((n) => !allowed.includes(n));
  return [
    ...parsed.errors,
    ...unknown.map(
      (n) => `the variable {${n}} is not one this message provides (${allowed.join(', ')})`,
    ),
  ];
}
