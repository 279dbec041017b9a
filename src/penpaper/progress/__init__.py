"""What the learner did, kept: records, settings, the SQLite database and its migrations.

``store`` is the entry point (:class:`~penpaper.progress.store.Store`);
``history`` answers the read-only questions of ``penpaper stats``. Nothing
here schedules, rates or draws: that is ``scheduling``, ``ratings`` and
``terminal``.
"""
