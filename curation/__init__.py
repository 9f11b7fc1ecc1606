"""Curation: coordinators' accounts, sessions and audit trail in the data folder, and the pure rules
for the files they add to the corpus (safe names, content checks, metadata TOML, the trash).

Every change a coordinator makes ends as an ordinary file change in the documented corpus layout;
the database holds only who may make changes and what was changed.
"""
