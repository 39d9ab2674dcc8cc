// Reads CSL-JSON items on stdin; prints { problems, bibliography, ids } as JSON.
// problems: the fields citation.js's strict CSL cleaner (no best-guess conversions) drops or changes, i.e. what is not CSL-JSON.
// bibliography: the items rendered as a text bibliography with the Vancouver style that @citation-js/plugin-csl ships (citeproc-js).
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

const items = JSON.parse(readFileSync(0, 'utf8'));
const cleaned = plugins.input.util.clean(structuredClone(items), false);
const problems = items.flatMap((item, i) =>
  Object.keys(item).filter(k => !isDeepStrictEqual(item[k], cleaned[i]?.[k])).map(k => `${item.id}.${k}`));
const cite = new Cite(items, { forceType: '@csl/list+object' });
const bibliography = cite.format('bibliography', { format: 'text', template: 'vancouver', lang: 'en-US' });
process.stdout.write(JSON.stringify({ problems, bibliography, ids: cite.getIds() }));
