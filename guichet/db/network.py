"""Is a database file on a network share? SQLite must not be used there the way Guichet uses it.

Guichet runs SQLite in WAL mode: readers and the writer meet in a shared-memory index (the
``-shm`` file, mapped into memory), which only works between processes of one machine. On a
network share (SMB/CIFS, NFS, SSHFS…) two PCs would each see their own copy of that memory and
the byte-range locks the share offers are not reliable: the database can be damaged. So a
database on a share is refused with a French explanation (:func:`refuse_network_location`),
rather than opened without WAL: the rollback journal still depends on those unreliable network
locks, and a desk that needs one database for several PCs has PostgreSQL for that.

Detection: on Linux, the filesystem type of the mount the file is under, read from
``/proc/self/mountinfo``; on Windows, a UNC path (``\\\\serveur\\partage\\…``) or a mapped
drive (``GetDriveTypeW`` says ``DRIVE_REMOTE``). Both readers can be injected (tests).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from guichet.errors import EnvironmentProblem

MOUNTINFO = Path("/proc/self/mountinfo")
#: Filesystem types (``/proc/self/mountinfo``) that are network shares.
NETWORK_FILESYSTEMS = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "sshfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gvfsd-fuse",
    }
)
#: ``GetDriveTypeW``'s answer for a network drive.
DRIVE_REMOTE = 4

_OCTAL = re.compile(r"\\([0-7]{3})")


def read_mountinfo() -> str:
    try:
        return MOUNTINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def mounts(text: str) -> list[tuple[str, str]]:
    """``(mount point, filesystem type)`` of each line of a ``mountinfo`` text."""
    found = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields[6:]:
            continue
        separator = fields.index("-", 6)
        if len(fields) <= separator + 1:
            continue
        point = _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), fields[4])
        found.append((point, fields[separator + 1]))
    return found


def filesystem_type(path: str, mountinfo_text: str) -> str | None:
    """The type of the filesystem mounted deepest above ``path`` (absolute, resolved)."""
    target = PurePosixPath(path)
    best: tuple[int, str] | None = None
    for point, kind in mounts(mountinfo_text):
        mount = PurePosixPath(point)
        if (target == mount or mount in target.parents) and (
            best is None or len(mount.parts) >= best[0]
        ):
            best = (len(mount.parts), kind)  # a later mount over the same point wins
    return best[1] if best else None


def is_unc(path: str) -> bool:
    """``\\\\serveur\\partage\\…``, ``//serveur/partage/…`` or ``\\\\?\\UNC\\…``; not the local
    device forms ``\\\\?\\C:\\…`` and ``\\\\.\\…``."""
    text = path.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    return text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def network_location(
    path: str | Path,
    *,
    platform: str = sys.platform,
    mountinfo: Callable[[], str] | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """What makes ``path`` a network location (``"cifs"``, ``"nfs4"``, ``"UNC"``,
    ``"lecteur réseau"``), or None for a local disk."""
    text = str(path)
    if is_unc(text):
        return "UNC"
    if platform == "win32":
        if sys.platform == "win32":  # a relative path: its drive is the current one
            text = os.path.abspath(text)
        drive = re.match(r"^([A-Za-z]:)", text)
        if drive is None:
            return None
        kind = (drive_type or _windows_drive_type)(drive.group(1) + "\\")
        return "lecteur réseau" if kind == DRIVE_REMOTE else None
    if platform.startswith("linux"):
        resolved = str(Path(text).resolve()) if mountinfo is None else text
        fstype = filesystem_type(resolved, (mountinfo or read_mountinfo)())
        if fstype is not None and (fstype in NETWORK_FILESYSTEMS or fstype.startswith("nfs")):
            return fstype
    return None


def network_message(path: str | Path, where: str) -> str:
    return (
        f"La base « {path} » est sur un partage réseau ({where}) : Guichet ne l'ouvre pas là. "
        "SQLite y tient son journal dans une mémoire partagée qui ne fonctionne qu'entre les "
        "programmes d'un même ordinateur, et les verrous d'un partage réseau ne sont pas "
        "fiables : deux postes pourraient abîmer la base. Copiez-la sur le disque de ce poste "
        "(option --db), ou, pour travailler à plusieurs postes sur les mêmes données, "
        "utilisez une base PostgreSQL."
    )


def refuse_network_location(path: str | Path) -> None:
    """Raises :class:`EnvironmentProblem` (French) when ``path`` is on a network share."""
    where = network_location(path)
    if where is not None:
        raise EnvironmentProblem(network_message(path, where), detail=f"network:{where}")
