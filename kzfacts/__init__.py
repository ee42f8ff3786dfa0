"""kzfacts: answers about Kazakhstan from a source-cited fact base.

The library comes first: everything the CLI answers, `kzfacts.query` answers too, e.g.

    from kzfacts.index import open_store
    from kzfacts import query
    query.who(open_store(), "ambassador", at="2018-06")
"""

__version__ = "0.1.0"
