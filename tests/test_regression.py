"""The regression guard (tests/regression.py): `cbldm predict`'s candidates and the comparison's ranking as recorded.

CI re-runs a subset that covers every kind of input (one simulated PDF per family, two non-ideal particles, a measured
PDF) and one method of the comparison on a few PDFs; `python tests/regression.py --check` re-runs the whole set."""
import json
import pytest
import regression as R

SUBSET = ('sim00', 'sim01', 'sim02', 'sim03', 'sim04', 'sim05', 'sim06', 'nonideal0', 'nonideal3', 'Au144PET_100K-00000')

def test_predict_matches_fixture():
    ref = json.loads((R.HERE / 'predict.json').read_text())
    assert set(SUBSET) <= set(ref) and len(ref) == 30
    got = R.run_predict(SUBSET)
    assert set(got) == set(SUBSET)
    bad = R.diff_predict(got, ref)
    assert not bad, '\n'.join(bad)
