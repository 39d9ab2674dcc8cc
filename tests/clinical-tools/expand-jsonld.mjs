// Expands the JSON-LD on stdin with the jsonld processor and prints the expanded form; the first argument is the URL
// the document was fetched from (its base, as for any retrieved JSON-LD document). The tests run offline, so the
// context https://schema.org is served locally as schema.org's own context reduces to for these terms: every term in
// the schema.org vocabulary (@vocab). A document naming any other remote context fails.
import jsonld from 'jsonld';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const schemaOrg = { '@context': { '@vocab': 'https://schema.org/' } };
const documentLoader = async (url) => {
  if (url === 'https://schema.org' || url === 'https://schema.org/' || url === 'http://schema.org' || url === 'http://schema.org/') {
    return { contextUrl: null, documentUrl: url, document: schemaOrg };
  }
  throw new Error(`no remote context allowed: ${url}`);
};
try {
  const expanded = await jsonld.expand(document, { documentLoader, safe: true, base: process.argv[2] });
  process.stdout.write(JSON.stringify(expanded));
} catch (error) {
  console.error(`jsonld: ${error.message}${error.details ? ' ' + JSON.stringify(error.details) : ''}`);
  process.exit(1);
}
