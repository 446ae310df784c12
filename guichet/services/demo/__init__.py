"""A realistic, clearly fictional dataset to discover the app and to demonstrate it.

Everything is drawn from one ``random.Random(seed)``: the same seed gives the same companies,
people and dates (relative to ``now``). Company and people names are made up by combining
common French names with activity words; partner institutions carry their real names but every
contact, address, phone number and e-mail address is invented. E-mail and web domains end in
``.example`` (reserved, RFC 2606), phone numbers are in the 02 61 91 xx xx block that the ARCEP
reserves for fiction, and links point to ``https://exemple.fr/…``.

Modules:

- :mod:`.generator`: :func:`generate_demo` runs the stages in order and returns a
  :class:`DemoSummary`; :func:`is_empty` tells whether a database is a fresh install.
- :mod:`.base`, :mod:`.organizations`, :mod:`.inquiries`, :mod:`.referrals`: the builder's
  shared state, then one stage per module; :mod:`.helpers`: small shared helpers.
- :mod:`.names`, :mod:`.trades`, :mod:`.partners`, :mod:`.resources`, :mod:`.texts`,
  :mod:`.distributions`: the vocabulary the dataset is drawn from (pure data).
"""

from __future__ import annotations

from guichet.services.demo.generator import DEMO_SEED, DemoSummary, generate_demo, is_empty
from guichet.services.demo.helpers import DEMO_EMAIL_SUFFIX

__all__ = ["DEMO_EMAIL_SUFFIX", "DEMO_SEED", "DemoSummary", "generate_demo", "is_empty"]
