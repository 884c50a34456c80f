"""Export to OpenSearch or Elasticsearch 8 with the same Swedish analysis (issue 14).

When one Whoosh machine is no longer enough, the documents, the Swedish chain and the
facets move to a distributed engine that already exists. Nothing here is a search
engine of its own: every file written follows the engine's documented formats
(index settings and mappings, the ``_bulk`` NDJSON body), and the analysis is spelt
in the engine's own components, which are Lucene's (verified by Lucene itself in
``tests/test_export_lucene.py``).

One module per concept, imports pointing down into the indexer only:

* ``sources``   the served index: its stored documents, lexicon and vocabulary
* ``wordlists`` the word lists the chain needs, generated from our lexicon and stemmer
* ``chain``     the Swedish chain as tokenizer, token filters and analyzers
* ``mapping``   fields, boosts, facets, dates and amounts; the two dialects
* ``bulk``      documents as ``_bulk`` NDJSON in bounded chunks, and a reader
* ``synonyms``  our synonym list as the engine's rules and as query runs
* ``querydsl``  our query language and multi-select facets as query DSL
* ``guide``     ``queries.md``, with worked examples from the judged set
* ``run``       one export: all of the above into one directory

The Whoosh path (build, schema, search, web) never imports this package; the CLI
imports it only inside the ``export-opensearch`` command.
"""
