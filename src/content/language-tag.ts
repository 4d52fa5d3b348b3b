import { withContext } from '../lib/errors.js';

/** The canonical form of a BCP 47 language tag, or undefined when Intl refuses the tag. */
export function canonicalLocale(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch (error) {
    // A RangeError ("Incorrect locale information provided") is Intl's one way of refusing a tag: the field's
    // problem, reported by the caller. Anything else is not about the tag.
    if (error instanceof RangeError) return undefined;
    throw withContext(`canonicalising the language tag ${JSON.stringify(tag)}`, error);
  }
}
