"""Fixtures of the archive tests: the people of the destruction workflow."""

from __future__ import annotations

import pytest

from .factories import UserFactory


@pytest.fixture
def recordmanager(db):
    return UserFactory(username="recordmanager", groups=["Recordmanager"])


@pytest.fixture
def beoordelaar(db):
    return UserFactory(username="beoordelaar", groups=["Beoordelaar"])


@pytest.fixture
def medebeoordelaar(db):
    return UserFactory(username="medebeoordelaar", groups=["Medebeoordelaar"])


@pytest.fixture
def archivaris(db):
    return UserFactory(username="archivaris", groups=["Archivaris"])


@pytest.fixture
def people(recordmanager, beoordelaar, archivaris):
    return {"auteur": recordmanager, "beoordelaar": beoordelaar, "archivaris": archivaris}
