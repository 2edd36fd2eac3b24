"""Articles in two and three columns, and sidebar + content pages."""

from page import Page
from text import CONFIG, COUNCIL, GARDEN, LIBRARY, MARKET, RELEASE, WEATHER, wrap
from widgets import VLIST_CSS, column, mono_lines, table, vlist


def split(paragraphs, n):
    """Splits wrapped paragraphs into n columns of about the same number of
    lines, never inside a paragraph."""
    total = sum(len(x) for x in paragraphs)
    cols, cur, done = [], [], 0
    for para in paragraphs:
        if cur and len(cols) < n - 1 and done + len(para) / 2 > total * (len(cols) + 1) / n:
            cols.append(cur)
            cur = []
        cur.append(para)
        done += len(para)
    cols.append(cur)
    return cols


def nav(p, items, cls='nav'):
    """A row of links, one block."""
    p.block()
    p.row()
    return f'<div class="{cls}">' + ''.join(f'<span>{p.t(x)}</span>' for x in items) + '</div>'


def article_two_col_serif():
    p = Page('article_two_col_serif', 1280, 800, 'Liberation Serif', 17)
    p.css += """.mast{text-align:center;font-size:28px;font-weight:bold;padding:16px 0 6px}
.nav{display:flex;justify-content:center;gap:34px;padding:6px 0 10px;border-bottom:2px solid var(--fg);
 font-family:'Liberation Sans';font-size:14px}.art{width:1160px;margin:22px auto 0}
h1{font-size:28px;line-height:1.2}.by{font-size:14px;margin:8px 0 18px}.cols{display:flex;gap:44px}
.col{width:558px}"""
    p.fonts.append('Liberation Sans')
    p.block()
    mast = f'<div class="mast">{p.line("The Harbour Gazette")}</div>'
    nv = nav(p, ['News', 'Local', 'Sport', 'Culture', 'Opinion', 'Weather'])
    p.block()
    h = f'<h1>{p.line("Harbour library reopens after two years of repairs")}</h1>'
    by = f'<div class="by muted">{p.line("By Anna Lindqvist, 8 March 2025")}</div>'
    cols = ''.join(column(p, c) for c in split(wrap(LIBRARY, 64), 2))
    p.body = f'{mast}{nv}<div class="art">{h}{by}<div class="cols">{cols}</div></div>'
    return p


def article_three_col_news():
    p = Page('article_three_col_news', 1920, 1080, 'Noto Serif', 15)
    p.css += """.mast{text-align:center;font-size:28px;font-weight:bold;padding:18px 0 4px}
.date{text-align:center;font-size:13px;padding-bottom:8px;border-bottom:3px double var(--fg)}
.cols{display:flex;gap:48px;padding:26px 60px}.col{width:568px}.h{font-size:21px;font-weight:bold;
 line-height:1.25;margin-bottom:12px}"""
    p.block()
    mast = f'<div class="mast">{p.line("The Northern Courier")}</div>'
    p.block()
    date = f'<div class="date">{p.line("Wednesday, 12 March 2025")}</div>'
    cols = (column(p, wrap(COUNCIL, 66), head='Night buses to reach the northern districts') +
            column(p, wrap(WEATHER + MARKET[:1], 66), head='Rain on Thursday, a bright weekend') +
            column(p, wrap(MARKET + LIBRARY[2:3], 66), head='Late strawberries, cheap asparagus'))
    p.body = f'{mast}{date}<div class="cols">{cols}</div>'
    return p


def article_two_col_dark():
    p = Page('article_two_col_dark', 1440, 900, 'DejaVu Sans', 14, 'dark')
    p.css += """.top{display:flex;align-items:center;gap:36px;padding:14px 60px;border-bottom:1px solid var(--border)}
.logo{font-weight:bold;font-size:18px;margin-right:auto}.nav{display:flex;gap:28px}
.art{padding:34px 60px}h1{font-size:26px}.by{margin:6px 0 24px}.cols{display:flex;gap:60px}.col{width:630px}"""
    p.block()
    p.row()
    top = (f'<div class="top"><span class="logo">{p.t("Northwind Files")}</span><div class="nav">'
           + ''.join(f'<span>{p.t(x)}</span>' for x in ['Download', 'Docs', 'Blog', 'Support']) + '</div></div>')
    p.block()
    h = f'<h1>{p.line("What is new in version 4.2")}</h1>'
    by = f'<div class="by muted">{p.line("Posted on 2 April 2025 by the Northwind team")}</div>'
    cols = ''.join(column(p, c) for c in split(wrap(RELEASE, 68), 2))
    p.body = f'{top}<div class="art">{h}{by}<div class="cols">{cols}</div></div>'
    return p


def article_reader_large():
    p = Page('article_reader_large', 1024, 768, 'Noto Sans', 22)
    p.css += """body{background:#fbf8f1;color:#262626}.art{width:900px;margin:36px auto}
h1{font-size:28px;margin-bottom:6px}.by{font-size:16px;margin-bottom:22px}"""
    p.block()
    h = f'<h1>{p.line("How to grow tomatoes from seed")}</h1>'
    by = f'<div class="by muted">{p.line("Garden notes, 6 minutes to read")}</div>'
    col = column(p, wrap(GARDEN, 64), gap='0.6em')
    p.body = f'<div class="art">{h}{by}{col}</div>'
    return p


def article_three_col_sans():
    p = Page('article_three_col_sans', 1280, 800, 'Liberation Sans', 12)
    p.css += """.mast{padding:18px 40px 10px;font-size:26px;font-weight:bold;border-bottom:1px solid var(--border)}
.cols{display:flex;gap:34px;padding:22px 40px}.col{width:378px}.h{font-size:16px;font-weight:bold;margin-bottom:8px}
.foot{position:absolute;left:40px;right:40px;bottom:16px;display:flex;justify-content:space-between;
 border-top:1px solid var(--border);padding-top:8px}"""
    p.block()
    mast = f'<div class="mast">{p.line("Weekend")}</div>'
    cols = (column(p, wrap(MARKET, 60), head='At the market') +
            column(p, wrap(WEATHER, 60), head='The forecast') +
            column(p, wrap(COUNCIL[:2], 60), head='From the council'))
    p.block()
    p.row()
    foot = f'<div class="foot">{p.t("Page 4")}{p.t("Weekend, 15 March 2025")}</div>'
    p.body = f'{mast}<div class="cols">{cols}</div>{foot}'
    return p


def sidebar_docs_light():
    p = Page('sidebar_docs_light', 1280, 800, 'Noto Sans', 15, extra_fonts=['DejaVu Sans Mono'])
    p.css += VLIST_CSS + """.top{display:flex;align-items:center;gap:30px;padding:12px 24px;border-bottom:1px solid var(--border)}
.logo{font-weight:bold;font-size:18px}.top .field{margin-left:auto;width:260px}
.main{display:flex}.side{width:250px;padding-top:14px;border-right:1px solid var(--border);height:740px}
.content{padding:22px 40px;width:980px}h1{font-size:26px;margin-bottom:12px}h2{font-size:19px;margin:6px 0 10px}
.code{font-family:'DejaVu Sans Mono';font-size:14px;background:var(--code);border:1px solid var(--border);
 border-radius:6px;padding:10px 16px;margin-bottom:16px;width:520px}.code .cl{white-space:pre}
.keys td,.keys th{padding:4px 24px 4px 0;border-bottom:1px solid #e4e4e4}"""
    p.block()
    p.row()
    top = (f'<div class="top"><span class="logo">{p.t("Field Guide")}</span>'
           + ''.join(f'<span>{p.t(x)}</span>' for x in ['Docs', 'API', 'Community'])
           + f'<div class="field">{p.t("Search docs", "muted")}</div></div>')
    side = vlist(p, ['Getting started', 'Installation', 'Configuration', 'Keyboard shortcuts', 'Plugins',
                     'Troubleshooting', 'FAQ', 'Release notes'], sel='Configuration')
    p.block()
    h = f'<h1>{p.line("Configuration")}</h1>'
    txt = column(p, wrap(CONFIG, 100), cls='')
    p.block()
    h2 = f'<h2>{p.line("Example")}</h2>'
    code = mono_lines(p, ['[general]', 'theme = "dark"', 'font_size = 14', 'autosave = true'])
    keys = table(p, ['Key', 'Default', 'Meaning'],
                 [['theme', 'light', 'Colour scheme of the window'], ['font_size', '13', 'Text size in points'],
                  ['autosave', 'false', 'Save open files every minute']], cls='keys')
    p.body = f'{top}<div class="main"><div class="side">{side}</div><div class="content">{h}{txt}{h2}{code}{keys}</div></div>'
    return p


def sidebar_music_dark():
    p = Page('sidebar_music_dark', 1440, 900, 'DejaVu Sans', 13, 'dark')
    p.css += VLIST_CSS + """.main{display:flex;height:820px}.side{width:240px;background:#121212;padding-top:16px}
.side .sh{padding:16px 16px 4px;color:var(--muted)}.content{flex:1;padding:26px 36px;background:#1c1c1c}
.alb{font-size:28px;font-weight:bold;margin:4px 0}.meta{margin-bottom:20px}.tr{width:100%}
.tr td,.tr th{padding:7px 12px;border-bottom:1px solid #2c2c2c}.player{height:80px;background:#181818;
 border-top:1px solid var(--border);display:flex;align-items:center;gap:20px;padding:0 30px}
.prog{width:600px;height:4px;background:#555;border-radius:2px}.prog i{display:block;width:42%;height:4px;background:#ddd}"""
    side = vlist(p, ['Home', 'Search', 'Your Library'])
    p.block()
    sh = f'<div class="sh">{p.line("Playlists")}</div>'
    pls = vlist(p, ['Morning Focus', 'Road Trip', 'Jazz Classics', 'Rainy Days'], sel='Morning Focus')
    p.block()
    head = (f'<div class="muted">{p.line("Album")}</div><div class="alb">{p.line("Blue Harbour Sessions")}</div>'
            f'<div class="meta muted">{p.line("The Quiet Tides, 2021, 11 songs, 46 min")}</div>')
    songs = ['Lantern Light', 'Low Tide', 'Fog on the Quay', 'Paper Boats', 'North Wind', 'Harbour Lights',
             'Salt and Cedar', 'Slow Ferry', 'Gulls at Dawn', 'Ropes and Anchors', 'Home Port']
    times = ['4:05', '3:48', '5:12', '3:31', '4:20', '4:57', '3:59', '6:02', '2:47', '4:11', '3:36']
    t = table(p, ['#', 'Title', 'Artist', 'Time'],
              [[str(i + 1), s, 'The Quiet Tides', tm] for i, (s, tm) in enumerate(zip(songs, times))],
              nums=(0, 3), cls='tr', new_block=False)
    p.block()
    p.row()
    pl = (f'<div class="player"><span style="width:300px">{p.t("Lantern Light - The Quiet Tides")}</span>'
          f'{p.t("1:42")}<span class="prog"><i></i></span>{p.t("4:05")}</div>')
    p.body = (f'<div class="main"><div class="side">{side}{sh}{pls}</div><div class="content">{head}{t}</div></div>{pl}')
    return p


LIGHTHOUSE = [
    "Vessel Point Light is a lighthouse on the northern tip of Vessel Point, at the entrance to the "
    "harbour. It was built in 1874 after two ships ran aground on the reef in the same winter.",
    "The tower is made of local granite and stands 31 metres tall. Its light can be seen from 18 "
    "nautical miles away in clear weather. The keepers lived in the two houses at its foot until the "
    "light was automated in 1986.",
    "Today the houses hold a small museum about the history of the harbour, open from May to "
    "September. The tower itself can be climbed on the first Sunday of each month.",
]


def sidebar_wiki_serif():
    p = Page('sidebar_wiki_serif', 1280, 800, 'Liberation Serif', 16, extra_fonts=['Liberation Sans'])
    p.css += VLIST_CSS + """.main{display:flex}.side{width:190px;padding-top:24px;font-family:'Liberation Sans';font-size:13px}
.side .vlist .li{padding:3px 12px}.content{width:1050px;padding:20px 30px;border-left:1px solid var(--border)}
h1{font-size:28px;font-weight:normal;border-bottom:1px solid var(--border);margin-bottom:4px}
.from{font-size:13px;margin-bottom:16px}.body{display:flex;gap:30px}.col{width:650px}
.info{width:300px;border:1px solid var(--border);background:#f8f9fa;padding:10px;height:max-content;
 font-family:'Liberation Sans';font-size:13px}.info .it{text-align:center;font-weight:bold;margin-bottom:8px}
.info td{padding:4px 10px 4px 0}"""
    side = vlist(p, ['Main page', 'Contents', 'Current events', 'Random article', 'About', 'Contact'])
    p.block()
    h = f'<h1>{p.line("Vessel Point Light")}</h1><div class="from muted">{p.line("From the free encyclopedia")}</div>'
    col = column(p, wrap(LIGHTHOUSE, 74))
    p.block()
    it = f'<div class="it">{p.line("Vessel Point Light")}</div>'
    info = table(p, None, [['Location', 'Vessel Point'], ['Built', '1874'], ['Height', '31 m'],
                           ['Range', '18 nmi'], ['Automated', '1986'], ['Status', 'Active']], new_block=False)
    p.body = (f'<div class="main"><div class="side">{side}</div><div class="content">{h}'
              f'<div class="body">{col}<div class="info">{it}{info}</div></div></div></div>')
    return p


BUILDERS = [article_two_col_serif, article_three_col_news, article_two_col_dark, article_reader_large,
            article_three_col_sans, sidebar_docs_light, sidebar_music_dark, sidebar_wiki_serif]
