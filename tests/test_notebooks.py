"""Run every notebook in nbs/ through nbdev's test machinery (cells flagged with tst_flags are skipped)."""
from pathlib import Path
import pytest
from nbdev.config import get_config
from nbdev.test import test_nb as run_nb

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT/'nbs').rglob('*.ipynb')
             if not any(part.startswith(('_', '.')) for part in p.relative_to(ROOT/'nbs').parts))

def test_notebooks_found():
    assert len(NBS) >= 5, NBS

@pytest.mark.parametrize('nb', NBS, ids=[str(p.relative_to(ROOT/'nbs')) for p in NBS])
def test_notebook(nb):
    flags = get_config(ROOT).tst_flags
    ok, secs = run_nb(nb, skip_flags=flags.split() if isinstance(flags, str) else flags, basepath=ROOT)
    assert ok, f'{nb.name} failed (traceback above)'
