"""The bundled, fictional demo dataset (``data/demo/``), read like any upload."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEMO_DIR", "DEMO_SETTINGS", "demo_files", "demo_workspace", "load_demo"]

#: Folder holding the committed demo exports (see ``data/README.md``).
DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"
#: The demo's workspace settings (competitor and partner lists).
DEMO_SETTINGS = DEMO_DIR.parent / "demo_settings.json"
_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")


def demo_files(folder: Path = DEMO_DIR) -> list[tuple[str, bytes]]:
    """Return ``(file name, bytes)`` for every demo export, sorted by name.

    Parameters
    ----------
    folder : pathlib.Path
        Folder to read (default: the bundled ``data/demo``).

    Returns
    -------
    list of tuple
        Empty when the folder does not exist.
    """
    if not folder.is_dir():
        return []
    return [
        (p.name, p.read_bytes())
        for p in sorted(folder.iterdir())
        if p.suffix.lower() in _SUFFIXES and not p.name.startswith(".")
    ]


def demo_workspace():  # -> abm.Workspace
    """The demo's workspace settings (empty when the file is absent)."""
    from abm.settings import Workspace

    if not DEMO_SETTINGS.is_file():
        return Workspace()
    return Workspace.from_json(DEMO_SETTINGS.read_bytes(), file=DEMO_SETTINGS.name)


def load_demo():  # -> abm.Dataset (import kept local: ingest imports are heavy)
    """Read the demo exports through the normal ingestion pipeline.

    Returns
    -------
    abm.Dataset
        The demo dataset. Raises ``RuntimeError`` if a bundled file fails to
        load (a packaging bug, never a user error).
    """
    from abm.ingest import load_files

    dataset, errors = load_files(demo_files())
    if errors:
        names = ", ".join(name for name, _ in errors)
        raise RuntimeError(f"bundled demo files failed to load: {names}")
    return dataset
