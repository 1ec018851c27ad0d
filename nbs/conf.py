"""Sphinx configuration of cbldm's documentation site: the notebooks in `nbs/` as pages (with their committed
outputs, never executed), an API reference per module from the docstrings and docments, MathJax and plotly.js
served from the site itself, Sphinx's own search. Build it with

    pip install -e ".[docs]" && python -m sphinx nbs _build/html

`nbs/_quarto.yml` stays for those who have Quarto (`nbdev-docs`); this file is what builds the site without it."""
import json, re, shutil, warnings
from pathlib import Path

import cbldm

warnings.filterwarnings('ignore', message='Cell is missing an id field')   # nbdev-clean keeps no cell ids

project = 'cbldm'
author = 'cbldm developers'
copyright = '2026, cbldm developers'
release = version = cbldm.__version__

extensions = ['myst_nb', 'sphinx.ext.autodoc', 'sphinx.ext.viewcode', 'sphinx-mathjax-offline']
root_doc = 'index'
exclude_patterns = ['_build', '_docs', '_proc', '**/.ipynb_checkpoints', 'README.md', 'llms.txt', '_quarto.yml',
                    'nbdev.yml', 'sidebar.yml']
html_theme = 'furo'
html_title = f'cbldm {release}'
html_static_path = ['_static']
html_favicon = '_static/favicon.svg'
html_show_sourcelink = False

nb_execution_mode = 'off'             # the committed outputs are the pages; `nbdev-test` is what runs the notebooks
nb_ipywidgets_js = {}                 # no widget manager from a CDN; the nglview cells are hidden
nb_output_stderr = 'remove'
myst_enable_extensions = ['dollarmath', 'amsmath', 'colon_fence']
myst_heading_anchors = 3
suppress_warnings = ['myst.header', 'mystnb.unknown_mime_type']
autodoc_member_order = 'bysource'
autodoc_default_options = {'members': True, 'undoc-members': False, 'show-inheritance': False}



def _modules(nbs):
    "Each exported module and the notebook that exports it (its `#| default_exp`), in the notebooks' order."
    mods = {}
    for p in sorted(Path(nbs).glob('*.ipynb')):
        for c in json.loads(p.read_text())['cells']:
            m = re.search(r'^#\|\s*default_exp\s+(\S+)', ''.join(c['source']), re.M)
            if m: mods[m.group(1)] = p.stem; break
    return mods


_DIRECTIVE = re.compile(r'^\s*#\|.*$\n?', re.M)
_HIDE = re.compile(r'^\s*#\|\s*(hide|exporti?\s+hide|default_exp)\b', re.M)
_PLOTLY_CDN = re.compile(r'https://cdn\.plot\.ly/plotly-[0-9.]+\.min(\.js)?')
_SCRIPT_IMPORT = re.compile(r'<script type="module">import "[^"]*"</script>')
_MATHJAX_CDN = re.compile(r'<script src="https://cdnjs\.cloudflare\.com/ajax/libs/mathjax/[^"]*"></script>')
_SRI = re.compile(r'\s+integrity="[^"]*"\s+crossorigin="anonymous"')


def _page_cells(nb, depth):
    "The cells a reader sees: nbdev's hidden cells dropped, `#|` directives removed, plotly.js and MathJax local."
    static = '../' * depth + '_static/'
    cells = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'code':
            if _HIDE.search(src): continue
            c['source'] = _DIRECTIVE.sub('', src)
            if not c['source'].strip() and not c.get('outputs'): continue
            for o in c.get('outputs', []):
                d = o.get('data', {})
                d.pop('application/vnd.jupyter.widget-view+json', None)
                if 'text/html' in d:
                    h = ''.join(d['text/html'])
                    h = _SCRIPT_IMPORT.sub('', _MATHJAX_CDN.sub('', h))
                    h = _SRI.sub('', _PLOTLY_CDN.sub(static + 'plotly.min.js', h))
                    d['text/html'] = h
        cells.append(c)
    return cells


def _toctree(caption, docs):
    body = '\n'.join(docs)
    return {'cell_type': 'markdown', 'metadata': {}, 'source': f'```{{toctree}}\n:caption: {caption}\n:hidden:\n\n{body}\n```\n'}


def _notebook_page(app, docname, source):
    "source-read: a notebook as a page; the index also carries the site's table of contents."
    path = Path(app.env.doc2path(docname))
    if path.suffix != '.ipynb': return
    nb = json.loads(source[0])
    nb['cells'] = _page_cells(nb, docname.count('/'))
    if docname == root_doc:
        nbs = sorted(p.stem for p in path.parent.glob('[0-9]*.ipynb'))
        tutorials = sorted('tutorials/' + p.stem for p in (path.parent / 'tutorials').glob('*.ipynb'))
        nb['cells'] += [_toctree('Tutorials', tutorials), _toctree('The library, notebook by notebook', nbs),
                        _toctree('API reference', ['api/index'])]
    source[0] = json.dumps(nb)


def _api_pages(app):
    "builder-inited: one page per module (`automodule`), written into `nbs/api/` (ignored by git)."
    out = Path(app.srcdir) / 'api'
    out.mkdir(exist_ok=True)
    pages = {}
    mods = _modules(app.srcdir)
    for mod, nb in mods.items():
        pages[f'{mod}.md'] = (f'# `cbldm.{mod}`\n\nFrom the notebook [{nb}](../{nb}.ipynb).\n\n'
                              f'```{{eval-rst}}\n.. automodule:: cbldm.{mod}\n```\n')
    pages['index.md'] = ('# API reference\n\nOne page per module, from the docstrings and the parameters\' comments '
                         '(docments); each page names the notebook that exports it.\n\n```{toctree}\n:maxdepth: 1\n\n'
                         + '\n'.join(mods) + '\n```\n')
    for name, text in pages.items():
        p = out / name
        if not p.exists() or p.read_text() != text: p.write_text(text)
    for p in out.glob('*.md'):
        if p.name not in pages: p.unlink()


_CODE = re.compile(r'(`+)(.+?)\1')
_RST_SPECIAL = re.compile(r'([*|_\\])')


def _md_line(line):
    "One docstring line written in Markdown (nbdev's convention) as reStructuredText: code spans kept, the rest literal."
    out, k = [], 0
    for m in _CODE.finditer(line):
        before = '\\ ' if m.start() and line[m.start() - 1].isalnum() else ''
        after = '\\ ' if m.end() < len(line) and line[m.end()].isalnum() else ''   # `Shape`s: RST needs a break
        out += [_RST_SPECIAL.sub(r'\\\1', line[k:m.start()]), f'{before}``{m.group(2).strip()}``{after}']
        k = m.end()
    return ''.join(out + [_RST_SPECIAL.sub(r'\\\1', line[k:])])


def _docments(app, what, name, obj, options, lines):
    "autodoc-process-docstring: the Markdown docstring as text, the parameters' comments (docments) as a field list."
    lines[:] = [_md_line(l) for l in lines if not l.startswith('Docs: https://')]   # nbdev's link to a Quarto site
    if what not in ('function', 'method', 'class'): return
    try:
        from fastcore.docments import docments
        docs = docments(obj.__init__ if what == 'class' else obj, full=True)
    except Exception: return
    rows = []
    for k, v in docs.items():
        if k in ('self', 'return') or not v.get('docment'): continue
        default = v.get('default')
        shown = '' if default is None or getattr(default, '__name__', '') == '_empty' else f' (default ``{default!r}``)'
        rows.append(f':param {k}: {_md_line(v["docment"])}{shown}')
    ret = docs.get('return', {}).get('docment')
    if ret: rows.append(f':returns: {_md_line(ret)}')
    if rows: lines.extend([''] + rows)


def _copy_plotly(app, exc):
    "build-finished: plotly.js from the installed plotly package, so that the figures draw offline."
    if exc is not None: return
    import plotly
    src = Path(plotly.__file__).parent / 'package_data' / 'plotly.min.js'
    dst = Path(app.outdir) / '_static' / 'plotly.min.js'
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def setup(app):
    app.connect('builder-inited', _api_pages)
    app.connect('source-read', _notebook_page)
    app.connect('autodoc-process-docstring', _docments)
    app.connect('build-finished', _copy_plotly)
