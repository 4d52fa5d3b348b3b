"""Prints the items newsboat stored in its cache (a SQLite file) as JSON, for the newsboat test."""
import json
import sqlite3
import sys

connection = sqlite3.connect(sys.argv[1])
rows = connection.execute(
    "SELECT guid, title, author, url, pubDate, content, feedurl FROM rss_item WHERE deleted = 0 ORDER BY pubDate DESC"
).fetchall()
keys = ["guid", "title", "author", "url", "pubDate", "content", "feedurl"]
print(json.dumps([dict(zip(keys, row)) for row in rows]))
