"""The Whoosh index of klimaviden: Danish analysis, generations on disk, reindexing and search.

All Whoosh code lives in this package. Callers use index.service.SearchService,
index.reindex.reindex, index.query.parse_search_params and the errors in index.errors.
"""
