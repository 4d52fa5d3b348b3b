/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** HTML's named character references that are read even without their ";" (HTML Living Standard, §13.5). */
export const LEGACY_REFERENCES: readonly string[] = (
  'AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH Eacute Ecirc Egrave Euml GT Iacute ' +
  'Icirc Igrave Iuml LT Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml QUOT REG THORN Uacute Ucirc ' +
  'Ugrave Uuml Yacute aacute acirc acute aelig agrave amp aring atilde auml brvbar ccedil cedil cent ' +
  'copy curren deg divide eacute ecirc egrave eth euml frac12 frac14 frac34 gt iacute icirc iexcl ' +
  'igrave iquest iuml laquo lt macr micro middot nbsp not ntilde oacute ocirc ograve ordf ordm oslash ' +
  'otilde ouml para plusmn pound quot raquo reg sect shy sup1 sup2 sup3 szlig thorn times uacute ucirc ' +
  'ugrave uml uuml yacute yen yuml'
).split(' ');

const READS_AS_HTML = new RegExp(`<|&(?:#|[A-Za-z][A-Za-z0-9]*;|${LEGACY_REFERENCES.join('|')})`);

/**
 * Whether HTML would read this plain text otherwise than as written: it holds a "<" (markup, or an HTML
 * parse error) or an "&" that begins a character reference. "Markets & Morale" or "Q&A" read the same.
 */
export function readsAsHtml(text: string): boolean {
  return READS_AS_HTML.test(text);
}
