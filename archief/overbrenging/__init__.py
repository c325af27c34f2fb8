"""Transfer (overbrenging) of permanently kept cases to the regional archive's e-Depot.

A sub-app of `archief/` with its own models and migrations: agreements with an archive,
transfers and their items, the MDTO SIP they produce, and the pre-ingest validation of
such packages.
"""
