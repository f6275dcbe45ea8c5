"""French typography as a French reader expects it (issue 13): narrow no-break spaces
before : ; ! ? and %, « » quotes, curly apostrophe, decimal comma, dates in words, "d’"
before a vowel; ids, times and URLs keep their colons."""

from __future__ import annotations

import datetime

from workbench.report.i18n import date_words, de, fr_typography, number, percent

NNBSP = "\u202f"


def test_signs_quotes_and_apostrophes():
    text = fr_typography('Risques: 15% de l\'ICD; "alerte"?')
    assert text == f"Risques{NNBSP}: 15{NNBSP}% de l’ICD{NNBSP}; «{NNBSP}alerte{NNBSP}»{NNBSP}?"


def test_times_urls_and_ids_keep_their_colons():
    text = fr_typography("at 12:30 see https://example.org/a thing.x@y")
    assert "12:30" in text and "https://example.org/a" in text and "thing.x@y" in text


def test_numbers_percentages_dates_and_elision():
    assert number(0.843, "fr", digits=3) == "0,843"
    assert percent(0.15, "fr") == f"15{NNBSP}%"
    assert date_words(datetime.date(2026, 12, 1), "fr") == "1er décembre 2026"
    assert de("ICD") == "d’ICD" and de("pompe") == "de pompe"


def test_an_elided_harm_after_a_colon_starts_lower_case():
    """"Pour les patients : L’administration d’insuline s’arrête" (insulin, page 2): after
    a colon the French harm reads like the sentence it is part of."""
    from workbench.report.sections import sentence_part

    assert sentence_part("L’administration d’insuline s’arrête") == \
        "l’administration d’insuline s’arrête"
    assert sentence_part("D'autres patients") == "d'autres patients"
    assert sentence_part("ICD therapy stops") == "ICD therapy stops"
