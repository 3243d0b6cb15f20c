"""The wheel built from this checkout, installed once per test session in a fresh virtual
environment outside the repository (tests/test_wheel_install.py, the scale-out test)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Reused between runs: the registry is asked once for the dependencies' wheels.
PIP_CACHE = Path(os.environ.get("TRACKER_PIP_CACHE", Path.home() / ".cache" / "tracker-pip"))

_installed: dict[str, Path] = {}


def run(command, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def installed_bin(tmp_path_factory) -> Path:
    """The bin/ of a venv holding `tracker[production]` from a freshly built wheel."""
    if "bin" in _installed:
        return _installed["bin"]
    root = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--cache-dir", str(PIP_CACHE)]
    leftover = REPO / "build"  # setuptools builds in the tree; leave the checkout as found
    had_build = leftover.exists()
    try:
        run([*pip, "wheel", "--no-deps", "-q", "-w", str(root / "dist"), str(REPO)])
    finally:
        if not had_build:
            shutil.rmtree(leftover, ignore_errors=True)
    wheel = next((root / "dist").glob("tracker-*.whl"))
    run([sys.executable, "-m", "venv", str(root / "venv")])
    bin_dir = root / "venv" / "bin"
    python = str(bin_dir / "python")
    run(
        [
            python,
            "-m",
            "pip",
            "--cache-dir",
            str(PIP_CACHE),
            "install",
            "-q",
            f"{wheel}[production]",
        ],
        cwd=root,
    )
    _installed["bin"] = bin_dir
    return bin_dir
