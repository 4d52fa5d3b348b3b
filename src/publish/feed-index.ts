import type { Site } from '../content/site.js';
import type { FeedPlan } from '../model/plan.js';
import type { FeedModel } from '../model/types.js';
import { renderOpmlFile, type RenderedFile } from '../render/formats.js';

/** What the OPML list says of archives, when any feed has them. */
export const ARCHIVES_NOTE =
  'Older articles: a feed with more articles than it shows links to archive documents that hold all of them ' +
  '(RFC 5005 archived feeds: rel="prev-archive" in RSS and Atom, next_url in JSON Feed).';

/** The OPML index of every public feed; takes the models only for their titles, URLs and dates. */
export function renderIndex(site: Site, models: ReadonlyMap<FeedPlan, FeedModel>): RenderedFile {
  const byKind = (kind: FeedPlan['kind']) =>
    [...models].filter(([plan]) => plan.kind === kind).map(([, model]) => model);
  const archived = [...models.values()].some((model) => model.history?.prevArchive !== undefined);
  return renderOpmlFile(
    `${site.title}: all feeds`,
    [
      { title: 'Site', feeds: byKind('site') },
      { title: 'Categories', feeds: byKind('category') },
      { title: 'Authors', feeds: byKind('author') },
    ],
    archived ? ARCHIVES_NOTE : undefined,
  );
}
