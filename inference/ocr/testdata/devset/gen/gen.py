#!/usr/bin/python3
"""Writes the OCR development set: each page of pages.py as NAME.png (rendered
by headless Chromium, quantised to 256 colours by pngquant) and NAME.txt (its
ground truth, from the same calls that wrote the page).

    gen/gen.py [-o DIR] [--keep-html DIR] [NAME ...]

Needs Debian's chromium, pngquant and fonts-liberation, fonts-noto-core,
fonts-dejavu-core. Each page is first loaded with check.js, which must report
"OK" (see check.js for what it checks); a page that fails stops the run.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in testdata
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pages  # noqa: E402

CHROMIUM = ['chromium', '--headless', '--disable-gpu', '--no-sandbox', '--hide-scrollbars',
            '--force-device-scale-factor=1',
            '--disable-features=Translate,MediaRouter', '--disable-extensions']


def run(cmd, **kw):
    """Runs cmd, quiet unless it fails."""
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f'{cmd[0]} failed ({p.returncode}): {p.stderr[-2000:]}')
    return p.stdout


def check(page, tmp):
    """Loads the page with check.js and returns its verdict."""
    f = os.path.join(tmp, page.name + '.check.html')
    with open(f, 'w', encoding='utf-8') as fh:
        fh.write(page.html(check=True))
    # The window is taller than the page: elementFromPoint needs every point in the viewport.
    dom = run(CHROMIUM + [f'--window-size={page.w},{page.h + 200}', '--dump-dom', 'file://' + f])
    m = re.search(r'<title>(.*?)</title>', dom, re.S)
    return m.group(1) if m else 'no title in the dumped page'


def render(page, tmp, out, keep):
    """Renders the page to out/NAME.png and writes out/NAME.txt."""
    f = os.path.join(tmp, page.name + '.html')
    with open(f, 'w', encoding='utf-8') as fh:
        fh.write(page.html())
    if keep:
        shutil.copy(f, keep)
    raw = os.path.join(tmp, page.name + '.raw.png')
    run(CHROMIUM + [f'--window-size={page.w},{page.h}', '--screenshot=' + raw, 'file://' + f])
    size = run(['identify', '-format', '%w %h', raw]).split()
    if [int(v) for v in size] != [page.w, page.h]:
        sys.exit(f'{page.name}: screenshot is {size}, want {page.w} {page.h}')
    png = os.path.join(out, page.name + '.png')
    # Flatten onto opaque pixels, then 256 colours; dithering only for photo-like pages.
    flat = os.path.join(tmp, page.name + '.flat.png')
    run(['convert', raw, '-background', 'white', '-alpha', 'remove', '-alpha', 'off',
         '-define', 'png:exclude-chunks=date,time', flat])
    q = ['pngquant', '--force', '--strip', '--speed', '1', '--output', png]
    if not page.dither:
        q.append('--nofs')
    run(q + ['256', flat])
    with open(os.path.join(out, page.name + '.txt'), 'w', encoding='utf-8') as fh:
        fh.write(page.truth())


def main():
    """Parses the flags and writes the set."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-o', default=here, help='output folder (default: the devset folder)')
    ap.add_argument('--keep-html', help='also copy each page here')
    ap.add_argument('names', nargs='*', help='only these pages')
    a = ap.parse_args()
    if a.keep_html:
        os.makedirs(a.keep_html, exist_ok=True)
    all_pages = pages.build()
    names = [p.name for p in all_pages]
    if len(set(names)) != len(names):
        sys.exit('duplicate page names')
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for p in all_pages:
            if a.names and p.name not in a.names:
                continue
            verdict = check(p, tmp)
            if verdict != 'OK':
                print(f'{p.name}: {verdict}', file=sys.stderr)
                bad += 1
                continue
            render(p, tmp, a.o, a.keep_html)
            print(p.name, file=sys.stderr)
    if bad:
        sys.exit(f'{bad} page(s) failed the check')


if __name__ == '__main__':
    main()
