"""Page: an HTML screen and its ground truth, built by the same calls.

Every piece of visible text goes through Page.t, which records it in the
truth (block, row, item) and returns the <span> that shows it, tagged with
its block and row so the check in check.js can verify the geometry: each
row's items side by side left to right, rows top to bottom, nothing cut
off, covered, wrapped or overlapping.
"""

import html

THEMES = {
    'light': {
        'bg': '#ffffff', 'fg': '#1f1f1f', 'muted': '#5f6368', 'panel': '#f3f3f3',
        'panel2': '#e9e9e9', 'border': '#d0d0d0', 'accent': '#1a73e8', 'accentfg': '#ffffff',
        'field': '#ffffff', 'sel': '#dbe8fd', 'head': '#ececec', 'title': '#e4e4e4',
        'good': '#137333', 'bad': '#c5221f', 'code': '#f6f8fa', 'shadow': 'rgba(0,0,0,.25)',
    },
    'dark': {
        'bg': '#1e1e1e', 'fg': '#e6e6e6', 'muted': '#a8a8a8', 'panel': '#252526',
        'panel2': '#2d2d30', 'border': '#454545', 'accent': '#3b82f6', 'accentfg': '#ffffff',
        'field': '#2f2f2f', 'sel': '#094771', 'head': '#333337', 'title': '#323233',
        'good': '#6ccf7f', 'bad': '#f28b82', 'code': '#1b1b1b', 'shadow': 'rgba(0,0,0,.6)',
    },
}

BASE_CSS = """
*{box-sizing:border-box;margin:0;padding:0}
html,body{width:%(w)dpx;height:%(h)dpx;overflow:hidden}
body{position:relative;font-family:%(font)s;font-size:%(size)dpx;line-height:1.35;
 background:var(--bg);color:var(--fg)}
.t{white-space:pre}
.muted{color:var(--muted)}
.b{font-weight:bold}
.row{display:flex;align-items:center}
.grow{flex:1}
.titlebar{height:34px;background:var(--title);border-bottom:1px solid var(--border);
 display:flex;align-items:center;justify-content:center;position:relative}
.titlebar .t{font-weight:bold}
.winbtns{position:absolute;right:10px;top:9px;display:flex;gap:8px}
.winbtns i{display:block;width:15px;height:15px;border-radius:50%%;background:var(--border)}
.field{background:var(--field);border:1px solid var(--border);border-radius:4px;padding:3px 8px;
 display:flex;align-items:center;min-height:1.9em}
.drop{width:0;height:0;border-left:5px solid transparent;border-right:5px solid transparent;
 border-top:6px solid var(--muted);margin-left:auto}
.check{display:inline-block;width:15px;height:15px;border:1px solid var(--muted);border-radius:3px;
 margin-right:9px;position:relative;flex:none;background:var(--field)}
.check.on{background:var(--accent);border-color:var(--accent)}
.check.on:after{content:"";position:absolute;left:4px;top:1px;width:4px;height:8px;
 border:solid #fff;border-width:0 2px 2px 0;transform:rotate(45deg)}
.radio{display:inline-block;width:15px;height:15px;border:1px solid var(--muted);border-radius:50%%;
 margin-right:9px;flex:none;position:relative}
.radio.on:after{content:"";position:absolute;left:3px;top:3px;width:7px;height:7px;border-radius:50%%;
 background:var(--accent)}
.btn{border:1px solid var(--border);border-radius:5px;padding:5px 16px;background:var(--panel2);
 display:inline-flex;align-items:center}
.btn.primary{background:var(--accent);border-color:var(--accent);color:var(--accentfg)}
.btns{display:flex;gap:10px;justify-content:flex-end}
.sep{height:1px;background:var(--border);margin:4px 0}
.box{position:relative}
table{border-collapse:collapse}
td,th{padding:0 12px;text-align:left;font-weight:normal;white-space:pre}
th{font-weight:bold}
td.n,th.n{text-align:right}
.menu{background:var(--field);border:1px solid var(--border);box-shadow:0 4px 14px var(--shadow);
 padding:4px 0;border-radius:4px;position:absolute}
.menu .mi{display:flex;justify-content:space-between;padding:3px 22px 3px 26px;gap:40px}
.menu .mi.sel{background:var(--accent);color:var(--accentfg)}
.menu .mi.sel .muted{color:var(--accentfg)}
.card{background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:14px 16px}
"""

CHECK_JS = open(__file__.replace('page.py', 'check.js'), encoding='utf-8').read()


class Page:
    """One screen: size, font, theme, the truth so far and its HTML body."""

    def __init__(self, name, w, h, font, size, theme='light', extra_fonts=()):
        self.name, self.w, self.h = name, w, h
        self.font, self.size, self.theme = font, size, theme
        self.fonts = [font, *extra_fonts]
        self.blocks = []
        self.css = ''
        self.body = ''
        self.dither = False

    def block(self):
        """Starts a new block (title bar, menu, column, card ...)."""
        self.blocks.append([])

    def row(self):
        """Starts a new visual row in the current block."""
        if not self.blocks:
            self.block()
        self.blocks[-1].append([])

    def t(self, text, cls='', style='', tag='span'):
        """Records text as the next item of the current row; returns its HTML."""
        if not self.blocks or not self.blocks[-1]:
            self.row()
        b, r = len(self.blocks) - 1, len(self.blocks[-1]) - 1
        i = len(self.blocks[b][r])
        self.blocks[b][r].append(text)
        st = f' style="{style}"' if style else ''
        return f'<{tag} class="t {cls}" data-b="{b}" data-r="{r}" data-i="{i}"{st}>{html.escape(text)}</{tag}>'

    def line(self, text, cls='', style='', tag='span'):
        """Starts a new row holding text alone."""
        self.row()
        return self.t(text, cls, style, tag)

    def blk(self, text, cls='', style='', tag='span'):
        """Starts a new block of one row holding text alone."""
        self.block()
        return self.line(text, cls, style, tag)

    def truth(self):
        """The text a person reads: blocks split by an empty line, a row a line."""
        out = []
        for block in self.blocks:
            rows = [' '.join(' '.join(i.split()) for i in row if i.strip()) for row in block]
            rows = [r for r in rows if r]
            if rows:
                out.append('\n'.join(rows))
        return '\n\n'.join(out) + '\n' if out else ''

    def html(self, check=False):
        """The page; with check, the script that reports problems in the title."""
        t = THEMES[self.theme]
        var = ';'.join(f'--{k}:{v}' for k, v in t.items())
        css = BASE_CSS % {'w': self.w, 'h': self.h, 'font': fam(self.font), 'size': self.size}
        js = ''
        if check:
            js = '<script>\nconst PAGE=%s;\n%s</script>' % (
                '{"w":%d,"h":%d,"fonts":[%s]}' % (
                    self.w, self.h, ','.join('"%s"' % f for f in self.fonts)), CHECK_JS)
        return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title>'
                '<style>:root{%s}%s%s</style></head><body>%s%s</body></html>\n') % (
                    self.name, var, css, self.css, self.body, js)


def fam(font):
    """A CSS font-family list for a font name, with no generic fallback that
    could hide a missing font (the check measures it anyway)."""
    return "'%s'" % font


def esc(s):
    """HTML-escapes s."""
    return html.escape(s)
