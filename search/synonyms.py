"""The synonym table the query builder widens queries with.

It lives in the indexer's language layer (``indexer.synonyms``), beside its data file,
so that the OpenSearch export uses the very same table instead of a copy.
"""

from indexer.synonyms import SynonymMatch, SynonymTable, synonym_groups

__all__ = ["SynonymMatch", "SynonymTable", "synonym_groups"]
