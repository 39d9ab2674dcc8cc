// Parses the Atom feed on stdin with feedparser and prints what it read as JSON: the feed's meta and its items, each
// with every element feedparser kept (namespaced extension elements under "prefix:name").
import FeedParser from 'feedparser';

const parser = new FeedParser({ normalize: true, addmeta: false });
const items = [];
let meta = null;
parser.on('error', (error) => { console.error(`feedparser: ${error.message}`); process.exit(1); });
parser.on('meta', (m) => { meta = m; });
parser.on('readable', function read() {
  let item;
  while ((item = this.read())) items.push(item);
});
parser.on('end', () => {
  process.stdout.write(JSON.stringify({ meta, items }));
});
process.stdin.pipe(parser);
