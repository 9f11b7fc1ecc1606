"""Relevance: a judged query set over the sample corpus, and nDCG@10, MRR and zero-result rates for
klimaviden and the baselines on it (`make eval-relevance`, and part of `make bench`)."""
