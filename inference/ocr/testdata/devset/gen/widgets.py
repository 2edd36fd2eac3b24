"""Widgets: HTML for title bars, menus, forms, tables and prose, each adding
its text to the page's truth in reading order (see page.Page.t)."""


def titlebar(p, title):
    """A window title bar: the title centred, window buttons drawn as dots."""
    return (f'<div class="titlebar">{p.blk(title)}'
            '<div class="winbtns"><i></i><i></i><i></i></div></div>')


MENUBAR_CSS = """
.menubar{display:flex;align-items:center;height:30px;padding:0 6px;background:var(--panel);
 border-bottom:1px solid var(--border)}
.menubar .mb{padding:3px 10px;border-radius:3px}
.menubar .mb.open{background:var(--accent);color:var(--accentfg)}
"""


def menubar(p, items, open_item=None):
    """A menu bar (one block, one row); open_item is highlighted."""
    p.block()
    p.row()
    h = ''.join(f'<div class="mb{" open" if x == open_item else ""}">{p.t(x)}</div>' for x in items)
    return f'<div class="menubar">{h}</div>'


def menu(p, items, left, top, sel=None, width=None, checked=(), sub=()):
    """An open menu at (left, top): items are (label, shortcut) pairs, plain
    labels, or None for a separator. One block; each item a row holding the
    label and its shortcut. Labels in checked get a tick, those in sub an
    arrow."""
    p.block()
    out = []
    for it in items:
        if it is None:
            out.append('<div class="sep"></div>')
            continue
        label, sc = it if isinstance(it, tuple) else (it, '')
        p.row()
        mark = '<i class="tick"></i>' if label in checked else ''
        lab = p.t(label)
        tail = p.t(sc, 'muted') if sc else ''
        if label in sub:
            tail = '<i class="arr"></i>'
        cls = ' sel' if label == sel else ''
        out.append(f'<div class="mi{cls}">{mark}{lab}{tail}</div>')
    w = f'width:{width}px;' if width else ''
    return f'<div class="menu" style="left:{left}px;top:{top}px;{w}">{"".join(out)}</div>'


MENU_CSS = """
.menu .mi{position:relative}
.menu .tick{position:absolute;left:9px;top:50%;margin-top:-7px;width:5px;height:10px;
 border:solid currentColor;border-width:0 2px 2px 0;transform:rotate(45deg)}
.menu .arr{width:0;height:0;border-top:5px solid transparent;border-bottom:5px solid transparent;
 border-left:6px solid currentColor;align-self:center}
"""


FORM_CSS = """
.form .fr{display:flex;align-items:center;min-height:%(rh)dpx}
.form .lab{flex:none;width:%(lw)dpx}
.form .field{width:%(fw)dpx}
.form .sec{margin-top:14px;margin-bottom:4px;font-weight:bold}
.form .unit{margin-left:10px}
"""


def form(p, rows, lw=180, fw=300, rh=38, cls=''):
    """A form, row by row. Each row is a tuple:
    ('field', label, value[, 'drop'] | ('unit', ...)), ('check', label, on),
    ('radio', label, on), ('radios', label, [(text, on), ...]),
    ('sec', heading) which starts a block, ('text', label, value),
    ('slider', label, value).
    The caller has started the form's first block."""
    p.css += FORM_CSS % {'lw': lw, 'fw': fw, 'rh': rh}
    out = []
    for r in rows:
        kind = r[0]
        if kind == 'sec':
            p.block()
            out.append(f'<div class="sec">{p.line(r[1])}</div>')
            continue
        p.row()
        if kind == 'field':
            extra = r[3] if len(r) > 3 else ''
            drop = '<i class="drop"></i>' if extra == 'drop' else ''
            unit = ''
            lab = p.t(r[1]) if r[1] else ''
            val = p.t(r[2]) if r[2] else ''
            if isinstance(extra, tuple):
                unit = f'<span class="unit">{p.t(extra[1])}</span>'
            out.append(f'<div class="fr"><div class="lab">{lab}</div>'
                       f'<div class="field">{val}{drop}</div>{unit}</div>')
        elif kind in ('check', 'radio'):
            on = ' on' if r[2] else ''
            out.append(f'<div class="fr"><div class="lab"></div><i class="{kind}{on}"></i>{p.t(r[1])}</div>')
        elif kind == 'radios':
            lab = p.t(r[1]) if r[1] else ''
            opts = ''.join(f'<i class="radio{" on" if on else ""}"></i>{p.t(t)}<span style="width:24px"></span>'
                           for t, on in r[2])
            out.append(f'<div class="fr"><div class="lab">{lab}</div>{opts}</div>')
        elif kind == 'text':
            out.append(f'<div class="fr"><div class="lab">{p.t(r[1])}</div>{p.t(r[2])}</div>')
        elif kind == 'slider':
            lab = p.t(r[1])
            val = f'<span class="unit">{p.t(r[2])}</span>' if r[2] else ''
            out.append(f'<div class="fr"><div class="lab">{lab}</div>'
                       f'<div class="slider" style="width:{fw}px"><i></i></div>{val}</div>')
        else:
            raise ValueError(kind)
    return f'<div class="form {cls}">{"".join(out)}</div>'


SLIDER_CSS = """
.slider{position:relative;height:4px;background:var(--border);border-radius:2px}
.slider i{position:absolute;top:-6px;left:60%;width:16px;height:16px;border-radius:50%;background:var(--accent)}
"""


def buttons(p, labels, primary=None, cls='btns', style=''):
    """A row of buttons in the current block."""
    p.row()
    h = ''.join(f'<span class="btn{" primary" if x == primary else ""}">{p.t(x)}</span>' for x in labels)
    st = f' style="{style}"' if style else ''
    return f'<div class="{cls}"{st}>{h}</div>'


def table(p, header, rows, nums=(), cls='', style='', new_block=True):
    """A table: a header row (None for none), then each row; columns in nums
    are right-aligned. One block unless new_block is false."""
    if new_block:
        p.block()

    def tr(cells, tag):
        p.row()
        return '<tr>' + ''.join(
            f'<{tag}{" class=n" if i in nums else ""}>{p.t(c) if c else ""}</{tag}>'
            for i, c in enumerate(cells)) + '</tr>'
    h = tr(header, 'th') if header else ''
    body = ''.join(tr(r, 'td') for r in rows)
    st = f' style="{style}"' if style else ''
    return f'<table class="{cls}"{st}>{h}{body}</table>'


def vlist(p, items, sel=None, cls='vlist', badges=None):
    """A vertical list (a sidebar): one block, an item a row; badges maps an
    item to a count shown at its right."""
    p.block()
    out = []
    for x in items:
        p.row()
        item = p.t(x)
        b = ''
        if badges and x in badges:
            b = f'<span class="badge">{p.t(badges[x])}</span>'
        out.append(f'<div class="li{" sel" if x == sel else ""}">{item}{b}</div>')
    return f'<div class="{cls}">{"".join(out)}</div>'


VLIST_CSS = """
.vlist .li{display:flex;align-items:center;padding:5px 16px;border-radius:5px;margin:1px 8px}
.vlist .li.sel{background:var(--sel)}
.vlist .badge{margin-left:auto;color:var(--muted)}
"""


def column(p, paragraphs, cls='col', gap='0.7em', head=None, head_cls='h'):
    """A prose column: one block, a line a row; paragraphs are lists of lines."""
    p.block()
    out = []
    if head:
        out.append(f'<div class="{head_cls}">{p.line(head)}</div>')
    for para in paragraphs:
        lines = ''.join(f'<div>{p.line(x)}</div>' for x in para)
        out.append(f'<div style="margin-bottom:{gap}">{lines}</div>')
    return f'<div class="{cls} box">{"".join(out)}</div>'


def mono_lines(p, lines, numbers=False, start=1, cls='code'):
    """Lines of a terminal or an editor: one row each; an empty line starts a
    new block (the gap sets output apart). With numbers, each row starts with
    its line number in a gutter."""
    p.block()
    out = []
    for i, x in enumerate(lines):
        n = ''
        if numbers:
            p.row()
            n = f'<span class="ln">{p.t(str(start + i))}</span>'
            body = p.t(x) if x.strip() else ''
        elif x.strip():
            body = p.line(x)
        else:
            p.block()
            body = ''
        out.append(f'<div class="cl">{n}{body}</div>')
    return f'<div class="{cls}">{"".join(out)}</div>'
