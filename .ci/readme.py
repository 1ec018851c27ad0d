"""Write README.md from nbs/index.ipynb (markdown cells as they are, visible code cells as python blocks).

Quarto (which `nbdev-readme` needs) cannot be installed on our machines, so this keeps README.md in step with the
index notebook; CI fails when README.md differs from what this script writes.
"""
import json, re, sys
from pathlib import Path
root = Path(__file__).resolve().parents[1]
nb = json.loads((root/'nbs'/'index.ipynb').read_text())
parts = []
for c in nb['cells']:
    src = ''.join(c['source']).strip()
    if not src: continue
    if c['cell_type'] == 'markdown':
        lines = src.splitlines()
        if lines and lines[0].startswith('> '): lines[0] = lines[0][2:]
        md = '\n'.join(lines)   # links to notebooks are relative to nbs/ in the site, to the repository root in README.md
        parts.append(re.sub(r'\]\((?!https?:|/|nbs/)([\w./-]+\.ipynb)\)', r'](nbs/\1)', md))
    elif c['cell_type'] == 'code' and not src.startswith('#| hide'):
        parts.append('```python\n' + '\n'.join(l for l in src.splitlines() if not l.startswith('#|')) + '\n```')
text = '<!-- generated from nbs/index.ipynb by .ci/readme.py: edit the notebook, not this file -->\n\n' + '\n\n'.join(parts) + '\n'
out = root/'README.md'
if '--check' in sys.argv:
    sys.exit(0 if out.exists() and out.read_text() == text else 'README.md is out of step with nbs/index.ipynb: run python .ci/readme.py')
out.write_text(text)
