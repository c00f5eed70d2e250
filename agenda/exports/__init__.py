"""Machine-readable exports of a meeting's public programme.

Each exporter is a pure function of a ``PublicProgramme`` (built once per request
by ``agenda.exports.programme.public_programme``) and returns the document's bytes
or data; the views in ``agenda.feeds`` only add HTTP around them.
"""
