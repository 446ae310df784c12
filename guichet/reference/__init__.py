"""French reference rules and data: identifiers, phones, e-mails, NAF, communes, addresses.

Pure functions with no Qt, database or PDF dependency. Import the submodules directly
(``from guichet.reference.identifiers import validate_siret``); nothing is loaded here.
"""
