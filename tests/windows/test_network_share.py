"""A database on a network share is refused, with a French explanation."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.db import network
from guichet.db.network import filesystem_type, is_unc, mounts, network_location
from guichet.errors import EnvironmentProblem
from guichet.services.bootstrap import open_database

MOUNTINFO = """\
22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw
40 22 0:35 / /mnt/partage rw,relatime shared:20 - cifs //nas/partage rw,vers=3.1.1
41 40 8:3 / /mnt/partage/local rw shared:21 - ext4 /dev/sda3 rw
42 22 0:36 / /srv/nfs rw - nfs4 nas:/export rw
43 22 0:37 / /home/agent/Mes\\040documents rw - fuse.sshfs agent@nas: rw
44 22 0:38 / /media/usb rw - vfat /dev/sdb1 rw
"""


def test_mountinfo_lines_are_read() -> None:
    assert ("/home/agent/Mes documents", "fuse.sshfs") in mounts(MOUNTINFO)
    assert filesystem_type("/mnt/partage/local/base.sqlite3", MOUNTINFO) == "ext4"
    assert filesystem_type("/mnt/partagee/base.sqlite3", MOUNTINFO) == "ext4"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/partage/guichet.sqlite3", "cifs"),
        ("/mnt/partage", "cifs"),
        ("/mnt/partage/local/guichet.sqlite3", None),
        ("/srv/nfs/agence/guichet.sqlite3", "nfs4"),
        ("/home/agent/Mes documents/guichet.sqlite3", "fuse.sshfs"),
        ("/media/usb/guichet.sqlite3", None),
        ("/home/agent/guichet.sqlite3", None),
    ],
)
def test_linux_mounts(path: str, expected: str | None) -> None:
    assert network_location(path, platform="linux", mountinfo=lambda: MOUNTINFO) == expected


@pytest.mark.parametrize(
    ("path", "unc"),
    [
        ("\\\\serveur\\partage\\guichet.sqlite3", True),
        ("//serveur/partage/guichet.sqlite3", True),
        ("\\\\?\\UNC\\serveur\\partage\\guichet.sqlite3", True),
        ("\\\\?\\C:\\Guichet\\guichet.sqlite3", False),
        ("\\\\.\\C:\\Guichet\\guichet.sqlite3", False),
        ("C:\\Users\\agent\\guichet.sqlite3", False),
        ("/home/agent/guichet.sqlite3", False),
    ],
)
def test_unc_paths(path: str, unc: bool) -> None:
    assert is_unc(path) is unc
    for platform in ("win32", "linux"):
        found = network_location(
            path, platform=platform, mountinfo=lambda: "", drive_type=lambda root: 3
        )
        assert (found == "UNC") is unc


def test_a_mapped_network_drive_on_windows() -> None:
    roots: list[str] = []

    def drive_type(root: str) -> int:
        roots.append(root)
        return network.DRIVE_REMOTE if root == "Z:\\" else 3  # DRIVE_FIXED

    assert network_location("Z:\\agence\\g.sqlite3", platform="win32", drive_type=drive_type)
    assert (
        network_location("C:\\agence\\g.sqlite3", platform="win32", drive_type=drive_type) is None
    )
    assert roots == ["Z:\\", "C:\\"]


def test_opening_a_database_on_a_share_is_refused_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path.resolve()
    fake = f"22 1 8:2 / / rw - ext4 /dev/sda2 rw\n40 22 0:35 / {share} rw - smb3 //nas/p rw\n"
    monkeypatch.setattr(network, "read_mountinfo", lambda: fake)
    target = tmp_path / "guichet.sqlite3"
    with pytest.raises(EnvironmentProblem) as caught:
        open_database(f"sqlite:///{target}", create=True)
    assert "partage réseau (smb3)" in caught.value.message
    assert "PostgreSQL" in caught.value.message
    assert not target.exists()


def test_a_unc_database_is_refused() -> None:
    with pytest.raises(EnvironmentProblem, match="partage réseau \\(UNC\\)"):
        open_database("sqlite:///\\\\serveur\\partage\\guichet.sqlite3", create=True)
