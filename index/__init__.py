"""The Whoosh index of klimaviden: Danish analysis, generations on disk, the writer and search.

All Whoosh code lives in this package. Callers use index.service.SearchService,
index.query.parse_search_params and the errors in index.errors; bringing the index up to date with
the corpus is the job of the `reindex` package above this one.
"""
