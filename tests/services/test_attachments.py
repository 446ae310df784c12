"""Resource attachments: the size is checked before reading, the name never leaves its folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guichet.db import Database
from guichet.errors import ValidationError
from guichet.models import Resource
from guichet.services.resources import (
    MAX_FILE_BYTES,
    ResourceDraft,
    attach_path,
    file_bytes,
    safe_file_name,
    save_resource,
)


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("fiche.pdf", "fiche.pdf"),
        ("C:\\docs\\fiche.pdf", "fiche.pdf"),
        ("../../.bashrc", ".bashrc"),
        ("/etc/passwd", "passwd"),
        ("..", ""),
        ("dossier/..", ""),
        ("fi\x00che\u2028.pdf", "fiche .pdf"),
    ],
)
def test_safe_file_name_keeps_the_bare_name(stored: str, written: str) -> None:
    assert safe_file_name(stored) == written
    assert "/" not in written and "\\" not in written


def test_a_name_stored_raw_is_made_safe_when_written_out(portable_db: Database) -> None:
    saved = save_resource(portable_db, ResourceDraft(title="Fiche aides"))
    with portable_db.unit_of_work() as s:
        resource = s.get(Resource, saved.id)
        assert resource is not None
        resource.file_name, resource.file_data = "../../../tmp/evil.sh", b"#!/bin/sh"
    assert file_bytes(portable_db, saved.id) == ("evil.sh", b"#!/bin/sh")
    with portable_db.unit_of_work() as s:
        resource = s.get(Resource, saved.id)
        assert resource is not None
        resource.file_name = ".."
    assert file_bytes(portable_db, saved.id) == ("document", b"#!/bin/sh")


def test_the_size_is_checked_before_the_file_is_read(
    portable_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = save_resource(portable_db, ResourceDraft(title="Fiche aides"))
    big = tmp_path / "video.mp4"
    with big.open("wb") as handle:  # sparse: no disk used
        handle.truncate(MAX_FILE_BYTES + 1)
    opened: list[Path] = []
    real_open = Path.open

    def spy_open(self: Path, *args: object, **kwargs: object):
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy_open)
    with pytest.raises(ValidationError, match="25 Mo qu'une ressource accepte"):
        attach_path(portable_db, saved.id, big)
    assert big not in opened
    small = tmp_path / "fiche.pdf"
    small.write_bytes(b"%PDF-1.4")
    attach_path(portable_db, saved.id, small)
    assert file_bytes(portable_db, saved.id) == ("fiche.pdf", b"%PDF-1.4")
    assert os.path.getsize(big) == MAX_FILE_BYTES + 1
