"""Help texts in the admin are text: a `<placeholder>` in a model's help text must be shown."""

from __future__ import annotations

import html

import pytest
from django.contrib import admin

from common.admin import HelpTextAsText, _escaped_help_texts

pytestmark = pytest.mark.django_db


def _admins():
    for model, model_admin in admin.site._registry.items():
        yield model, type(model_admin)
        for inline in model_admin.inlines:
            yield inline.model, inline


def test_every_admin_of_a_model_with_markup_in_a_help_text_shows_it_as_text():
    affected = [(model, cls) for model, cls in _admins() if _escaped_help_texts(model)]

    assert affected, "the check would see nothing"  # the transfer's `<naam>-NNN` at least
    assert [cls.__name__ for _, cls in affected if not issubclass(cls, HelpTextAsText)] == []


def test_the_escaped_help_text_keeps_the_models_words():
    for model, _ in _admins():
        for name, text in _escaped_help_texts(model).items():
            original = str(model._meta.get_field(name).help_text)
            assert "<" not in text and html.unescape(text) == original, (model, name)
