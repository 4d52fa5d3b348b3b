"""Reads every feed Courier built with Python's feedparser and compares each entry with its record.

Input on stdin: a JSON list of {"name", "path", "format", "items": [expected item, ...]}.
Output: one line per problem, "feed entry N (id): field: what was expected, what was found"; exit 1 if any.
"""
import calendar
import html
import json
import re
import sys

import feedparser


def plain(markup):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup or ""))).strip()


def as_read(entry, field):
    """A text as a reader shows it: feedparser hands text it reads as HTML back as HTML (an RSS title that
    looks like HTML, an Atom title of type html), which a reader then renders; rendering decodes its entities."""
    detail = entry.get(field + "_detail") or {}
    value = entry.get(field)
    return html.unescape(value) if value is not None and detail.get("type") == "text/html" else value


def epoch(parsed):
    return calendar.timegm(parsed) if parsed else None


def check_entry(feed, index, entry, expected, problems):
    where = f"{feed['name']} entry {index + 1} ({expected['id']})"

    def expect(field, wanted, found):
        if wanted != found:
            problems.append(f"{where}: {field}: expected {wanted!r}, found {found!r}")

    expect("id", expected["id"], entry.get("id"))
    expect("title", expected["title"], as_read(entry, "title"))
    expect("link", expected["url"], entry.get("link"))
    expect("authors", expected["authors"], [author.get("name") for author in entry.get("authors", [])])
    if expected["killed"]:
        return
    expect("published", expected["published"], epoch(entry.get("published_parsed")))
    if expected["updated"] is not None or feed["format"] != "rss":
        expect("updated", expected["updated"] or expected["published"], epoch(entry.get("updated_parsed")))
    terms = [tag.get("term") for tag in entry.get("tags", [])]
    for category in expected["categories"]:
        if category not in terms:
            problems.append(f"{where}: categories: expected {category!r} among {terms!r}")
    content = entry.get("content", [{}])[0].get("value", "")
    if expected["text"] not in plain(content):
        problems.append(f"{where}: content: expected it to contain {expected['text']!r}, found {plain(content)[:120]!r}")
    image = expected["image"]
    if image and feed["format"] != "json":
        media = entry.get("media_content", [])
        expect("media:content url", [image["url"]], [m.get("url") for m in media])
        if image["credit"]:
            credits = [c.get("content") for c in entry.get("media_credit", [])]
            expect("media:credit", [image["credit"]], credits)
    if image and feed["format"] == "json":
        expect("image", image["url"], (entry.get("image") or {}).get("href") if isinstance(entry.get("image"), dict) else entry.get("image"))


def main():
    feeds = json.load(sys.stdin)
    problems = []
    for feed in feeds:
        parsed = feedparser.parse(feed["path"], sanitize_html=False)
        if parsed.bozo:
            problems.append(f"{feed['name']}: bozo: {parsed.bozo_exception!r}")
        entries = parsed.entries
        if len(entries) != len(feed["items"]):
            problems.append(f"{feed['name']}: entries: expected {len(feed['items'])}, found {len(entries)}")
        for index, (entry, expected) in enumerate(zip(entries, feed["items"])):
            check_entry(feed, index, entry, expected, problems)
    print(f"feedparser {feedparser.__version__}: {len(feeds)} feeds read", file=sys.stderr)
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


main()
