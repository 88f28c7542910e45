// Loads pages of kalem's site in Debian's chromium (puppeteer-core), runs
// axe-core on each and measures what users see. Usage:
//   node site.mjs <chromium> <screenshot dir> <page.html>...
// Prints one JSON object per page and width on its own line.
import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, basename, dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [chromium, shots, ...pages] = process.argv.slice(2);

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${mkdtempSync(join(tmpdir(), "kalem-chromium-"))}`],
});
try {
  for (const page of pages) {
    for (const width of [360, 1280]) {
      const tab = await browser.newPage();
      await tab.setViewport({ width, height: 800 });
      await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
      await tab.evaluate(() => document.fonts.ready);
      await tab.addScriptTag({ content: axeSource });
      const axe = await tab.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
      });
      const seen = await tab.evaluate(() => {
        const digits = (s) => s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0)).replace(/[^0-9+]/g, "");
        const tel = [...document.querySelectorAll('a[href^="tel:"]')]
          .filter((a) => digits(a.getAttribute("href")) !== digits(a.textContent))
          .map((a) => `${a.getAttribute("href")} shows ${a.textContent}`);
        // Where the first paragraph's text stands in its box.
        const p = document.querySelector("main p");
        let side = null;
        if (p) {
          const range = document.createRange();
          range.selectNodeContents(p);
          const text = range.getClientRects()[0];
          const box = p.getBoundingClientRect();
          side = { left: text.left - box.left, right: box.right - text.right };
        }
        // Targets that stand on their own; links inside sentences are
        // exempt (WCAG 2.5.8).
        const small = [...document.querySelectorAll(".skip, .org, .langs a, .materials a, .downloads a, .qr a, .number a, .press a")]
          .map((a) => [a, a.getBoundingClientRect()])
          .filter(([, r]) => r.width > 0 && (r.width < 24 || r.height < 24))
          .map(([a, r]) => `${a.textContent.trim()} ${Math.round(r.width)}x${Math.round(r.height)}`);
        const fonts = [...document.fonts].filter((f) => f.status === "loaded").map((f) => `${f.family} ${f.weight}`);
        return {
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          tel,
          side,
          small,
          fonts,
          broken: [...document.fonts].filter((f) => f.status === "error").map((f) => f.family),
        };
      });
      // Lazy images load as a reader scrolls; load them all, and name any
      // that does not show.
      const images = await tab.evaluate(async () => {
        const all = [...document.images];
        all.forEach((i) => { i.loading = "eager"; });
        await Promise.all(all.map((i) => i.decode().catch(() => null)));
        return all.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.getAttribute("src"));
      });
      await tab.evaluate(() => window.scrollTo(0, 0));
      // As a reader sees it, before any key is pressed.
      const name = `${basename(dirname(page))}-${basename(page, ".html")}-${width}.png`;
      if (shots !== "-") {
        // The whole page as one viewport (puppeteer's fullPage shifts
        // short right-to-left pages sideways).
        const height = await tab.evaluate(() => document.documentElement.scrollHeight);
        await tab.setViewport({ width, height: Math.max(800, height) });
        await tab.screenshot({ path: join(shots, name) });
        await tab.setViewport({ width, height: 800 });
      }
      await tab.keyboard.press("Tab");
      const focus = await tab.evaluate(() => {
        const a = document.activeElement;
        const style = getComputedStyle(a);
        const r = a.getBoundingClientRect();
        return {
          skip: a.classList.contains("skip") && a.getAttribute("href") === "#main" && r.top >= 0 && r.bottom <= window.innerHeight,
          visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        };
      });
      console.log(JSON.stringify({ page, width, axe, ...seen, ...focus, images }));
      await tab.close();
    }
  }
} finally {
  await browser.close();
}
