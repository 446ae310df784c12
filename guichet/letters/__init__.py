"""PDF rendering with reportlab (the only package that imports it): letters, calibration page.

Renderers take plain dataclasses (:mod:`guichet.letters.document`) and return PDF bytes:
:func:`guichet.letters.render.render_letter`, :func:`guichet.letters.calibration.render_calibration`.
Templates (:mod:`guichet.letters.template`) need no reportlab, so importing this package or
them stays cheap: reportlab loads only when a PDF is drawn.
"""
