"""The pages of the main window, one module each; :mod:`registry` lists them in order."""
