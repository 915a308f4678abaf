"""Word lists and valences (compare.lexicons)."""

from __future__ import annotations

from compare.lexicons import _vader, valence


def test_vader_valences_are_the_analyzers_own():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    assert _vader() == dict(SentimentIntensityAnalyzer().lexicon)
    assert valence("Horrible") < -2 < 0 < 2 < valence("wonderful")
    assert valence("summit") == 0.0
