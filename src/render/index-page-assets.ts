import { createHash } from 'node:crypto';

/**
 * The index page's style and its one script, inline so the page needs no other file (it is also published as
 * a static index.html), and allowed by hash in its Content-Security-Policy, so nothing else runs or styles it.
 * Colours keep a contrast of at least 7:1 (WCAG AAA) on both schemes.
 */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#474747;--line:#d0d0d0;--box:#eef3fb;--link:#0645ad}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#141414;--muted:#c4c4c4;--line:#444;--box:#1d2733;
--link:#9dc1fa}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:48rem;padding:1rem;font:1rem/1.5 system-ui,sans-serif;color:var(--fg);
background:var(--bg)}
a{color:var(--link)}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.3rem;margin:2rem 0 .5rem}
h3{font-size:1.1rem;margin:0 0 .25rem}
.how{background:var(--box);border-radius:.5rem;padding:.25rem 1rem}
ul{list-style:none;margin:0;padding:0}
.feed{border-top:1px solid var(--line);padding:.75rem 0}
.meta{color:var(--muted);font-size:.95rem;margin:0 0 .5rem}
.formats li{display:grid;grid-template-columns:1fr auto;grid-template-areas:"format copy" "url url";
align-items:center;gap:0 .75rem;margin:.5rem 0}
@media (min-width:40rem){.formats li{grid-template-columns:6rem 1fr auto;grid-template-areas:"format url copy"}}
.format{grid-area:format;font-weight:600}
.url{grid-area:url;min-width:0;overflow-wrap:anywhere;font-family:ui-monospace,monospace;font-size:.85rem}
button{grid-area:copy;font:inherit;font-size:.9rem;padding:.2rem .8rem;min-height:2rem;border:1px solid var(--fg);
border-radius:.35rem;background:var(--bg);color:var(--fg);cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.status{position:fixed;bottom:0;left:0;right:0;margin:0;padding:.5rem 1rem;background:var(--fg);color:var(--bg);
text-align:center}
.status:empty{display:none}
`;

/**
 * Shows the copy buttons (hidden without JavaScript: the addresses are links and plain text to select) and
 * copies a button's address, saying so in a live region.
 */
export const PAGE_SCRIPT = `
(function () {
  var status = document.getElementById('copy-status');
  function say(text) { status.textContent = text; setTimeout(function () { status.textContent = ''; }, 4000); }
  document.querySelectorAll('button[data-url]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var url = button.getAttribute('data-url');
      var copied = navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject(new Error('none'));
      copied.then(function () { say('Copied ' + url); }, function () {
        var range = document.createRange();
        range.selectNodeContents(button.parentNode.querySelector('.url'));
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        say('Selected the address: copy it with your keyboard or menu.');
      });
    });
  });
})();
`;

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Nothing but the inline style and script above: no other script, style, image, frame or form target. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${hashOf(PAGE_STYLE)}`,
  `script-src ${hashOf(PAGE_SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
