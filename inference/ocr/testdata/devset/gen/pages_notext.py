"""Screens with no text: gradients, a photo-like picture, an icon-only
toolbar and an app window still loading (grey placeholder bars)."""

from page import Page


def notext_gradient_linear():
    p = Page('notext_gradient_linear', 1280, 800, 'DejaVu Sans', 14)
    p.dither = True
    p.css += 'body{background:linear-gradient(135deg,#1d3b7a 0%,#6a3d9a 45%,#e0784a 100%)}'
    return p


def notext_gradient_radial_dark():
    p = Page('notext_gradient_radial_dark', 1024, 768, 'DejaVu Sans', 14, 'dark')
    p.dither = True
    p.css += ('body{background:radial-gradient(circle at 30% 35%,#2f6f8f 0,#123040 35%,transparent 60%),'
              'radial-gradient(circle at 75% 70%,#6b2f5a 0,#2a1328 30%,#0c0c12 70%)}')
    return p


def notext_photo():
    p = Page('notext_photo', 800, 600, 'DejaVu Sans', 14)
    p.dither = True
    p.css += """body{background:linear-gradient(#5d8fc4 0%,#a9c9e6 45%,#e8d9b5 58%,#6f7f4a 60%,#3f5a2c 100%)}
.blob{position:absolute;border-radius:50%;filter:blur(18px)}"""
    blobs = [(560, 90, 90, 90, '#fff3c4'), (80, 300, 360, 120, '#4b6d3a'), (380, 320, 460, 140, '#566f3c'),
             (0, 380, 800, 260, '#35502a'), (120, 120, 260, 60, '#eef3f8'), (430, 160, 220, 50, '#f4f6f8'),
             (250, 420, 300, 140, '#7a8a4a'), (600, 440, 260, 180, '#2c4322')]
    p.body = ''.join(f'<i class="blob" style="left:{x}px;top:{y}px;width:{w}px;height:{h}px;background:{c}"></i>'
                     for x, y, w, h, c in blobs)
    return p


ICONS_CSS = """
.bar{display:flex;gap:18px;align-items:center;padding:10px 16px;background:var(--panel);border-bottom:1px solid var(--border)}
.bar .gap{width:14px}.bar b{display:block;position:relative;width:26px;height:26px}
.fold{background:#e8b84a;border-radius:2px;height:18px!important;margin-top:6px}
.fold:before{content:"";position:absolute;left:0;top:-5px;width:11px;height:6px;background:#e8b84a;border-radius:2px 2px 0 0}
.disk{background:#4a6fa5;border-radius:3px}.disk:before{content:"";position:absolute;left:6px;top:2px;width:14px;height:8px;background:#dfe7f2}
.disk:after{content:"";position:absolute;left:5px;bottom:3px;width:16px;height:8px;background:#2f4f80}
.mag:before{content:"";position:absolute;left:2px;top:2px;width:14px;height:14px;border:3px solid #555;border-radius:50%}
.mag:after{content:"";position:absolute;left:17px;top:16px;width:4px;height:10px;background:#555;transform:rotate(-45deg)}
.bin{background:#888;border-radius:0 0 4px 4px;width:18px!important;height:20px!important;margin:6px 4px 0}
.bin:before{content:"";position:absolute;left:-3px;top:-5px;width:24px;height:3px;background:#666}
.burger{background:linear-gradient(#555 0 4px,transparent 4px 11px,#555 11px 15px,transparent 15px 22px,#555 22px 26px)}
.star{width:0!important;height:0!important;border-left:13px solid transparent;border-right:13px solid transparent;border-bottom:22px solid #e0a030}
.grid4{background:conic-gradient(#6a8 0 25%,#8ac 0 50%,#6a8 0 75%,#8ac 0);border-radius:4px}
.dot{background:radial-gradient(circle,#d33 0 8px,transparent 9px)}
.pen{background:linear-gradient(45deg,transparent 40%,#8a6 40% 60%,transparent 60%)}
.canvas{position:absolute;left:0;right:0;top:81px;bottom:28px;background:#9a9a9a}
.art{position:absolute;left:240px;top:60px;width:800px;height:560px;background:linear-gradient(160deg,#fdfbf6,#efe7d6)}
.shape1{position:absolute;left:120px;top:90px;width:220px;height:220px;border-radius:50%;background:#e76f51}
.shape2{position:absolute;left:380px;top:200px;width:300px;height:180px;background:#2a9d8f;transform:rotate(-8deg)}
.status{position:absolute;left:0;right:0;bottom:0;height:28px;background:var(--panel);border-top:1px solid var(--border)}
.status i{position:absolute;right:20px;top:10px;width:120px;height:8px;border-radius:4px;background:#bbb}
"""


def notext_icon_toolbar():
    p = Page('notext_icon_toolbar', 1280, 800, 'DejaVu Sans', 14)
    p.css += ICONS_CSS + '.titlebar{height:34px}'
    icons = ['burger', 'gap', 'fold', 'disk', 'gap', 'mag', 'star', 'grid4', 'gap', 'pen', 'dot', 'bin']
    bar = ''.join('<span class="gap"></span>' if i == 'gap' else f'<b class="{i}"></b>' for i in icons)
    p.body = (f'<div class="titlebar"><div class="winbtns"><i></i><i></i><i></i></div></div>'
              f'<div class="bar">{bar}</div><div class="canvas"><div class="art"><i class="shape1"></i>'
              f'<i class="shape2"></i></div></div><div class="status"><i></i></div>')
    return p


def notext_loading_dark():
    p = Page('notext_loading_dark', 1366, 768, 'DejaVu Sans', 14, 'dark')
    p.css += """.side{position:absolute;left:0;top:34px;bottom:0;width:250px;background:var(--panel);padding:20px}
.sk{display:block;height:12px;border-radius:6px;background:#3a3a3e;margin:0 0 18px}
.main{position:absolute;left:290px;top:70px;right:40px}.cards{display:flex;gap:24px;margin-top:30px}
.cards div{flex:1;height:160px;border-radius:10px;background:#2a2a2e;padding:20px}
.av{width:64px;height:64px;border-radius:50%;background:#3a3a3e;margin-bottom:20px}"""
    side = ''.join(f'<i class="sk" style="width:{w}%"></i>' for w in (70, 55, 80, 60, 45, 75, 50))
    main = (''.join(f'<i class="sk" style="width:{w}%;height:{h}px"></i>' for w, h in ((40, 22), (90, 12), (85, 12), (60, 12)))
            + '<div class="cards">' + ''.join(
                '<div><div class="av"></div><i class="sk" style="width:80%"></i><i class="sk" style="width:50%"></i></div>'
                for _ in range(3)) + '</div>')
    p.body = (f'<div class="titlebar"><div class="winbtns"><i></i><i></i><i></i></div></div>'
              f'<div class="side">{side}</div><div class="main">{main}</div>')
    return p


BUILDERS = [notext_gradient_linear, notext_gradient_radial_dark, notext_photo, notext_icon_toolbar,
            notext_loading_dark]
