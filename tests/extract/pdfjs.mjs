// Prints the text pdf.js (Firefox's PDF reader) finds in a PDF: every
// page's text items in order, a line break where pdf.js ends a line, a
// form feed between pages. Usage: node pdfjs.mjs FILE.pdf
// pdf.js warns on the console that it cannot render without a canvas
// package; text needs none, so the console is silenced.
import { readFileSync } from "node:fs";

console.log = console.warn = console.info = () => {};
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, verbosity: 0, useSystemFonts: false }).promise;
let out = "";
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  for (const item of content.items) {
    out += item.str ?? "";
    if (item.hasEOL) out += "\n";
  }
  out += "\n\f";
}
process.stdout.write(out);
