"""Music: mood -> playlist. ``pipeline.recommend`` is the entry point (re-exported as ``moodify.recommend``).

Modules: ``mood`` (emotion -> valence/arousal, mode targets), ``steps`` (iso-principle targets),
``tags`` (valence/arousal estimates per tag), ``catalog`` (the shipped offline catalog), ``providers/``
(one file per source), ``http`` (shared client: timeouts, retries, cache, circuit breaker), ``chain``
(fallback order), ``pool``/``ranking``/``learning``/``explain`` (choose and justify each track),
``feedback`` (the FeedbackStore protocol and an in-memory store).
"""
