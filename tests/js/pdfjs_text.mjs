// Text of every page of a PDF as pdf.js extracts it (getTextContent), for tests/test_extraction.py.
// Usage: node pdfjs_text.mjs FILE.pdf  → JSON list, one string per page; an item that ends a
// line (hasEOL) is followed by "\n", as pdf.js's own text layer and copy do.
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(await readFile(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
}
process.stdout.write(JSON.stringify(pages));
