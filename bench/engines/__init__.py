"""Search engines under test: klimaviden itself and the baselines it is compared with.

Each engine module offers `build(docs, folder) -> dict` (figures of the build) and an engine class
whose `search(spec) -> int` runs one QuerySpec the way that engine would serve a results page and
returns the number of hits.
"""
