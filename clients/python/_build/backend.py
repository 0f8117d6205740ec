"""A PEP 517 build backend written with the standard library only.

``pip install ./clients/python`` then needs no package index at all, not even for a build tool
(setuptools would have to come from one): the SDK installs on machines that reach nothing but
their own disk. It builds a pure-Python wheel of ``bytestack/`` (``py.typed`` included), an
editable wheel, and an sdist; the metadata comes from ``pyproject.toml`` and ``bytestack/_version.py``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "bytestack"


def _field(text: str, name: str) -> str:
    match = re.search(rf'^{re.escape(name)}\s*=\s*"([^"]*)"', text, re.MULTILINE)
    if not match:
        raise RuntimeError(f"{name} is missing from {ROOT / 'pyproject.toml'} or _version.py")
    return match.group(1)


def _version() -> str:
    return _field((ROOT / PACKAGE / "_version.py").read_text(encoding="utf-8"), "__version__")


def _metadata() -> str:
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {_field(project, 'name')}\n"
        f"Version: {_version()}\n"
        f"Summary: {_field(project, 'description')}\n"
        f"Requires-Python: {_field(project, 'requires-python')}\n"
        "Classifier: Programming Language :: Python :: 3\n"
        "Classifier: Typing :: Typed\n"
        "Description-Content-Type: text/markdown\n"
        f"\n{readme}"
    )


def _package_files() -> Iterator[Path]:
    for path in sorted((ROOT / PACKAGE).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path


def _write_wheel(directory: str, files: List[Tuple[str, bytes]]) -> str:
    dist_info = f"{PACKAGE}-{_version()}.dist-info"
    name = f"{PACKAGE}-{_version()}-py3-none-any.whl"
    files = files + [
        (f"{dist_info}/METADATA", _metadata().encode("utf-8")),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: bytestack-backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
        (f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode()),
    ]
    record = io.StringIO()
    with zipfile.ZipFile(Path(directory) / name, "w", zipfile.ZIP_DEFLATED) as wheel:
        for arcname, data in files:
            wheel.writestr(arcname, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.write(f"{arcname},sha256={digest},{len(data)}\n")
        record.write(f"{dist_info}/RECORD,,\n")
        wheel.writestr(f"{dist_info}/RECORD", record.getvalue())
    return name


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, str]] = None) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[Dict[str, str]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, str]] = None) -> List[str]:
    return []


def build_wheel(wheel_directory: str, config_settings: Optional[Dict[str, str]] = None, metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory, [(p.relative_to(ROOT).as_posix(), p.read_bytes()) for p in _package_files()])


def build_editable(wheel_directory: str, config_settings: Optional[Dict[str, str]] = None, metadata_directory: Optional[str] = None) -> str:
    # A .pth line puts this folder on sys.path, so edits to bytestack/ take effect without reinstalling.
    return _write_wheel(wheel_directory, [(f"_{PACKAGE}_editable.pth", f"{ROOT}\n".encode())])


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, str]] = None) -> str:
    base = f"{PACKAGE}-{_version()}"
    members = [ROOT / "pyproject.toml", ROOT / "README.md", Path(__file__), *_package_files()]
    with tarfile.open(Path(sdist_directory) / f"{base}.tar.gz", "w:gz", format=tarfile.PAX_FORMAT) as sdist:
        for path in members:
            sdist.add(path, arcname=f"{base}/{path.relative_to(ROOT).as_posix()}")
        info = _metadata().encode("utf-8")
        entry = tarfile.TarInfo(f"{base}/PKG-INFO")
        entry.size = len(info)
        sdist.addfile(entry, io.BytesIO(info))
    return f"{base}.tar.gz"
