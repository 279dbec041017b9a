"""Exercises as authored: the model, symbol declarations, the file format, reading a bank's
files without trusting them, loading and caching.

Nothing here knows about answers being checked, progress or the terminal;
``loading`` is the entry point (:func:`~penpaper.bank.loading.load_bank`).
"""
