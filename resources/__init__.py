"""Guichet's shipped files, installed as the package ``guichet_resources`` (read them through
``guichet.assets``, never by path)."""
