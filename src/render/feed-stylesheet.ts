/**
 * The XSLT 1.0 stylesheet RSS and Atom feeds name in their `<?xml-stylesheet?>` processing instruction, so that
 * a browser opening a feed shows a page (what the feed is, how to subscribe, its items) where it would show raw
 * XML. Feed readers ignore the instruction. One file for both formats, published beside the site feed; its
 * URL is permanent once feeds name it. Browsers apply it only to a feed served with an XML media type they
 * render (docs/decisions.md: what `courier serve` sends a browser).
 */
export const FEED_STYLESHEET = { file: 'feed.xsl', mediaType: 'text/xsl' } as const;

/**
 * The date of the stylesheet's text, its Last-Modified: from the code, never the clock, so every build and
 * instance agrees. Move it forward when the text changes (a change without it still moves Last-Modified on,
 * to the build's time: publish/output.ts).
 */
export const FEED_STYLESHEET_DATE = Date.UTC(2026, 0, 1);

/**
 * The stylesheet's address relative to a feed in `folder` (e.g. "categories/world/", '' for the site feed):
 * relative, so it resolves on whatever host serves the feeds folder, as browsers apply same-origin ones only.
 */
export function stylesheetHref(folder: string): string {
  return '../'.repeat(folder.split('/').filter((segment) => segment !== '').length) + FEED_STYLESHEET.file;
}

/** The processing instruction after the XML declaration; nothing without a stylesheet. */
export function stylesheetInstruction(href: string | undefined): string {
  return href === undefined ? '' : `<?xml-stylesheet type="${FEED_STYLESHEET.mediaType}" href="${href}"?>\n`;
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#4a4a4a;--line:#d0d0d0;--box:#eef3fb;--link:#0645ad}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#141414;--muted:#c4c4c4;--line:#444;--box:#1d2733;
--link:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:46rem;padding:1rem;font:1rem/1.5 system-ui,sans-serif;color:var(--fg);
background:var(--bg);overflow-wrap:anywhere}
a{color:var(--link)}
.about{background:var(--box);border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1.5rem}
.about p{margin:.25rem 0}
code{font-size:.95em}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.2rem;margin:2rem 0 .5rem}
ol{list-style:none;padding:0;margin:0}
li{border-top:1px solid var(--line);padding:.75rem 0}
h3{font-size:1.05rem;margin:0 0 .25rem}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 .25rem}
.summary{margin:0}
`;

/**
 * Titles, descriptions and summaries are plain text that does not read as HTML, or text escaped for HTML (the
 * renderers write them so: see xml.ts), so they are written out unescaped where the processor can (Chromium's
 * libxslt can; Firefox shows such text escaped), and show as written either way.
 */
export const FEED_STYLESHEET_XSL = `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/">
<xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
<xsl:variable name="self" select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
<xsl:variable name="home" select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/>
<html lang="{rss/channel/language | atom:feed/@xml:lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="$title" disable-output-escaping="yes"/> (web feed)</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<section class="about" aria-labelledby="about">
<p id="about"><strong>This is a web feed.</strong> A feed reader shows you its new items as they come out.</p>
<p>To subscribe, copy this page's address into your feed reader:</p>
<p><code><xsl:value-of select="$self"/></code></p>
</section>
<h1><xsl:value-of select="$title" disable-output-escaping="yes"/></h1>
<p><xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle" disable-output-escaping="yes"/></p>
<p><a href="{$home}">Visit the website</a></p>
<h2>Recent items</h2>
<ol>
<xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
</ol>
</main>
</body>
</html>
</xsl:template>
<xsl:template match="item">
<li>
<h3><a href="{link}"><xsl:value-of select="title" disable-output-escaping="yes"/></a></h3>
<p class="meta"><xsl:value-of select="pubDate"/></p>
<p class="summary"><xsl:value-of select="description" disable-output-escaping="yes"/></p>
</li>
</xsl:template>
<xsl:template match="atom:entry">
<li>
<h3><a href="{atom:link[@rel='alternate']/@href}">
<xsl:value-of select="atom:title" disable-output-escaping="yes"/></a></h3>
<p class="meta"><xsl:value-of select="translate(substring(atom:published, 1, 16), 'T', ' ')"/> UTC</p>
<p class="summary"><xsl:value-of select="atom:summary" disable-output-escaping="yes"/></p>
</li>
</xsl:template>
</xsl:stylesheet>
`;
