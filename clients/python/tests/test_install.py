"""The package installs from its folder with pip and no index, into a bare virtual environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def test_pip_install_needs_no_index_when_installing_from_the_folder(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--no-index", str(PACKAGE)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    probe = (
        "import pathlib, bytestack\n"
        "c = bytestack.ByteStack(api_key='bsk_x', base_url='http://127.0.0.1:9')\n"
        "print(bytestack.__version__, bytestack.__file__, (pathlib.Path(bytestack.__file__).parent / 'py.typed').exists(), repr(c))\n"
    )
    shown = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, cwd=str(tmp_path), check=True).stdout.split()
    assert shown[0] == "0.1.0"
    assert shown[1].startswith(str(tmp_path / "venv"))
    assert shown[2:] == ["True", "ByteStack(base_url='http://127.0.0.1:9')"]
