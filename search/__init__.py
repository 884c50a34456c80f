"""The search core: index → results, with no web framework in it.

Named ``search`` because that is the whole of what it does — the layer Lucene and
Tantivy keep in the library (query parsing, scoring, collectors, snippets), beside
``indexer`` (corpus → index) and below ``webui`` (HTTP only). Imports point one way:
``indexer`` ← ``search`` ← ``webui``; the CLI sits on top.

>>> from search import Engine, SearchParams
>>> SearchParams.build(q="  kooperativ  ").q
'kooperativ'
"""

from search.engine import Engine, open_engine
from search.params import SearchParams
from search.results import Hit, SearchResult

__all__ = ["Engine", "Hit", "SearchParams", "SearchResult", "open_engine"]
