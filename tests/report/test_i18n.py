"""Every report text exists in English and French with the same placeholders."""

from __future__ import annotations

from workbench.report.i18n import MESSAGES, placeholders, tr


def test_every_message_has_both_languages_and_same_placeholders():
    for key, (en, fr) in MESSAGES.items():
        assert placeholders(en) == placeholders(fr), key
        if en:
            assert fr, f"{key} has no French text"


def test_french_is_really_translated():
    same = [k for k, (en, fr) in MESSAGES.items() if en == fr and len(en.split()) > 2]
    assert same == []
    assert tr("sec_summary", "fr") == "Synthèse"
    assert tr("page_of", "en", page=3) == "Page 3"
