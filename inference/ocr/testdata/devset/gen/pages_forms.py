"""Forms, tables, menus and dialogs."""

import random

from page import Page
from widgets import (MENU_CSS, MENUBAR_CSS, SLIDER_CSS, VLIST_CSS, buttons, form, menu, menubar,
                     table, titlebar, vlist)


def form_settings_light():
    p = Page('form_settings_light', 1024, 768, 'Liberation Sans', 14)
    p.css += VLIST_CSS + SLIDER_CSS + """
.main{display:flex;height:734px}.side{width:220px;background:var(--panel);padding-top:12px;
 border-right:1px solid var(--border)}.content{flex:1;padding:18px 32px;position:relative}
h1{font-size:20px;margin-bottom:6px}.foot{position:absolute;right:32px;bottom:22px}"""
    tb = titlebar(p, 'Settings')
    side = vlist(p, ['Wi-Fi', 'Bluetooth', 'Displays', 'Sound', 'Power', 'Keyboard', 'Privacy',
                     'Date & Time', 'About'], sel='Sound')
    p.block()
    head = f'<h1>{p.line("Sound")}</h1>'
    f = form(p, [
        ('sec', 'Output'),
        ('field', 'Output device', 'Built-in Audio Analog Stereo', 'drop'),
        ('slider', 'Volume', '65%'),
        ('slider', 'Balance', ''),
        ('check', 'Allow volume above 100%', True),
        ('sec', 'Input'),
        ('field', 'Input device', 'USB Microphone', 'drop'),
        ('slider', 'Input volume', '40%'),
        ('check', 'Reduce background noise', False),
        ('sec', 'Alerts'),
        ('field', 'Alert sound', 'Chime', 'drop'),
        ('check', 'Play a sound when the volume changes', True),
    ], lw=170, fw=300)
    p.block()
    btn = buttons(p, ['Reset to Defaults', 'Apply'], primary='Apply', cls='btns foot')
    p.body = f'{tb}<div class="main"><div class="side">{side}</div><div class="content">{head}{f}{btn}</div></div>'
    return p


def form_settings_dark():
    p = Page('form_settings_dark', 1280, 800, 'Noto Sans', 13, 'dark')
    p.css += """.tabs{display:flex;gap:4px;padding:10px 24px 0;border-bottom:1px solid var(--border)}
.tabs span.tab{padding:6px 16px;border-radius:5px 5px 0 0}.tabs span.on{background:var(--panel2)}
.wrap{padding:8px 40px}.foot{position:absolute;right:32px;bottom:24px}"""
    tb = titlebar(p, 'Preferences')
    p.block()
    p.row()
    tabs = ''.join(f'<span class="tab{" on" if x == "Editor" else ""}">{p.t(x)}</span>'
                   for x in ['General', 'Editor', 'Fonts & Colors', 'Plugins', 'Keyboard'])
    p.block()
    f = form(p, [
        ('field', 'Theme', 'Dark Modern', 'drop'),
        ('field', 'Font family', 'DejaVu Sans Mono', 'drop'),
        ('field', 'Font size', '13'),
        ('field', 'Line height', '1.5'),
        ('field', 'Tab width', '4'),
        ('check', 'Insert spaces instead of tabs', True),
        ('check', 'Show line numbers', True),
        ('check', 'Wrap long lines', False),
        ('check', 'Highlight the current line', True),
        ('check', 'Show whitespace characters', False),
        ('sec', 'Files'),
        ('field', 'Default encoding', 'UTF-8', 'drop'),
        ('field', 'Line endings', 'LF (Unix)', 'drop'),
        ('check', 'Trim trailing whitespace on save', True),
        ('field', 'Auto save after', '1000', ('unit', 'ms')),
    ], lw=200, fw=260, rh=34)
    p.block()
    btn = buttons(p, ['Cancel', 'OK'], primary='OK', cls='btns foot')
    p.body = f'{tb}<div class="tabs">{tabs}</div><div class="wrap">{f}</div>{btn}'
    return p


def form_account_light():
    p = Page('form_account_light', 800, 600, 'DejaVu Sans', 16)
    p.css += """body{background:#eef1f5}.card{position:absolute;left:110px;top:30px;width:580px;
 background:#fff;padding:24px 32px}h1{font-size:22px}.sub{margin:2px 0 12px}"""
    p.block()
    head = f'<h1>{p.line("Create your account")}</h1><div class="sub muted">{p.line("It takes less than a minute.")}</div>'
    p.block()
    f = form(p, [
        ('field', 'First name', 'Maria'),
        ('field', 'Last name', 'Keller'),
        ('field', 'Email', 'maria.keller@example.org'),
        ('field', 'Password', ''),
        ('check', 'Send me the monthly newsletter', True),
        ('check', 'I agree to the Terms of Service', False),
    ], lw=130, fw=340, rh=44)
    p.block()
    btn = buttons(p, ['Cancel', 'Create Account'], primary='Create Account', style='margin-top:18px')
    p.body = f'<div class="card">{head}{f}{btn}</div>'
    return p


def form_network_dark():
    p = Page('form_network_dark', 1366, 768, 'Liberation Sans', 12, 'dark')
    p.css += """.tabs{display:flex;gap:22px;padding:12px 30px;border-bottom:1px solid var(--border)}
.wrap{padding:10px 40px}.addr{margin:8px 0 8px 160px}.addr td{padding:4px 20px 4px 0}
.addr td{width:150px}.foot{position:absolute;right:30px;bottom:20px}"""
    tb = titlebar(p, 'Wired Connection 1')
    p.block()
    p.row()
    tabs = ''.join(f'<span class="{"b" if x == "IPv4" else ""}">{p.t(x)}</span>'
                   for x in ['Details', 'Identity', 'IPv4', 'IPv6', 'Security'])
    p.block()
    f1 = form(p, [
        ('radios', 'IPv4 Method', [('Automatic (DHCP)', False), ('Manual', True)]),
        ('radios', '', [('Link-Local Only', False), ('Disable', False)]),
        ('sec', 'Addresses'),
    ], lw=160, fw=240, rh=30)
    addr = table(p, ['Address', 'Netmask', 'Gateway'],
                 [['192.168.1.42', '255.255.255.0', '192.168.1.1']], cls='addr', new_block=False)
    p.block()
    f2 = form(p, [
        ('field', 'DNS', '1.1.1.1, 9.9.9.9'),
        ('check', 'Automatic DNS', False),
        ('field', 'Search domains', 'office.example.net'),
        ('sec', 'Routes'),
        ('check', 'Automatic routes', True),
        ('check', 'Use this connection only for resources on its network', False),
        ('check', 'Require IPv4 addressing for this connection', True),
    ], lw=160, fw=240, rh=30)
    p.block()
    btn = buttons(p, ['Cancel', 'Apply'], primary='Apply', cls='btns foot')
    p.body = f'{tb}<div class="tabs">{tabs}</div><div class="wrap">{f1}{addr}{f2}</div>{btn}'
    return p


FILES = [
    ('contract_final.pdf', '799 KB', 'PDF document', 'Mar 3, 2025'),
    ('setup.exe', '341 KB', 'Program', 'Feb 27, 2025'),
    ('minutes-03-12.txt', '3.1 KB', 'Text', 'Mar 12, 2025'),
    ('photo_031.jpg', '2.4 MB', 'Image', 'Jul 13, 2023'),
    ('budget-2025.ods', '58 KB', 'Spreadsheet', 'Jan 9, 2025'),
    ('notes.txt', '906 bytes', 'Text', 'Yesterday'),
    ('invoice-0457.pdf', '638 KB', 'PDF document', 'Nov 21, 2024'),
    ('data.csv', '1.2 MB', 'CSV document', 'Oct 2, 2024'),
    ('presentation.odp', '4.7 MB', 'Presentation', 'Sep 18, 2024'),
    ('holiday-plan.docx', '27 KB', 'Document', 'Aug 5, 2024'),
    ('backup.tar.gz', '312.6 MB', 'Archive', 'Jun 30, 2024'),
    ('README.md', '2.2 KB', 'Markdown', 'Today'),
]


def table_files_light():
    p = Page('table_files_light', 1280, 800, 'Liberation Sans', 13)
    p.css += VLIST_CSS + """.main{display:flex;height:736px}.side{width:210px;background:var(--panel);
 padding-top:10px;border-right:1px solid var(--border)}.content{flex:1}
.path{display:flex;gap:6px;padding:8px 12px;border-bottom:1px solid var(--border)}
.files{width:100%}.files td,.files th{padding:5px 18px;border-bottom:1px solid #eee}
.files th{background:var(--head)}.files td.n,.files th.n{width:110px}
.status{height:30px;border-top:1px solid var(--border);display:flex;justify-content:space-between;
 align-items:center;padding:0 14px;background:var(--panel)}"""
    tb = titlebar(p, 'Documents')
    side = vlist(p, ['Recent', 'Starred', 'Home', 'Desktop', 'Documents', 'Downloads', 'Music',
                     'Pictures', 'Videos', 'Trash', 'Other Locations'], sel='Documents')
    p.block()
    path = buttons(p, ['Home', 'Documents'], cls='path')
    t = table(p, ['Name', 'Size', 'Type', 'Modified'], [list(f) for f in FILES], nums=(1,), cls='files')
    p.block()
    p.row()
    st = f'<div class="status">{p.t("12 items")}{p.t("Free space: 48.3 GB")}</div>'
    p.body = (f'{tb}<div class="main"><div class="side">{side}</div><div class="content">{path}{t}'
              f'</div></div>{st}')
    return p


INVOICES = [
    ('INV-2025-031', 'Harbour Library', 'Mar 03', 'Apr 02', '1,280.50', 'Paid'),
    ('INV-2025-032', 'Northwind Files', 'Mar 04', 'Apr 03', '640.00', 'Paid'),
    ('INV-2025-033', 'Keller & Sons', 'Mar 07', 'Apr 06', '3,912.75', 'Open'),
    ('INV-2025-034', 'Blue Tide Cafe', 'Mar 09', 'Apr 08', '86.40', 'Open'),
    ('INV-2025-035', 'City Council', 'Mar 10', 'Apr 09', '7,450.00', 'Overdue'),
    ('INV-2025-036', 'Okafor Design', 'Mar 12', 'Apr 11', '1,125.00', 'Paid'),
    ('INV-2025-037', 'Valley Bakery', 'Mar 14', 'Apr 13', '212.30', 'Open'),
    ('INV-2025-038', 'Berg Transport', 'Mar 15', 'Apr 14', '2,048.00', 'Draft'),
    ('INV-2025-039', 'Lindqvist Media', 'Mar 18', 'Apr 17', '560.80', 'Paid'),
    ('INV-2025-040', 'Tunnel Mushrooms', 'Mar 21', 'Apr 20', '1,080.00', 'Open'),
]


def table_invoices_dark():
    p = Page('table_invoices_dark', 1024, 768, 'DejaVu Sans', 14, 'dark')
    p.css += """.wrap{padding:24px 30px}h1{font-size:24px;margin-bottom:14px}
.filters{display:flex;gap:8px;margin-bottom:16px}.inv{width:100%}.inv th{background:var(--head)}
.inv td,.inv th{padding:7px 10px;border-bottom:1px solid var(--border)}.inv tr:last-child td{font-weight:bold}"""
    p.block()
    h = f'<h1>{p.line("Invoices")}</h1>'
    flt = buttons(p, ['All', 'Paid', 'Open', 'Overdue', 'Drafts'], primary='All', cls='filters')
    rows = [list(r) for r in INVOICES] + [['Total', '', '', '', '18,395.75', '']]
    t = table(p, ['Invoice', 'Customer', 'Date', 'Due', 'Amount (USD)', 'Status'], rows, nums=(4,), cls='inv')
    p.body = f'<div class="wrap">{h}{flt}{t}</div>'
    return p


def stock_rows():
    rnd = random.Random(7)
    firsts = ['Northwind', 'Harbour', 'Blue Tide', 'Valley', 'Keller', 'Summit', 'Granite', 'Aurora',
              'Silver Lake', 'Redwood', 'Meridian', 'Polar', 'Cobalt', 'Juniper', 'Atlas', 'Orchid',
              'Falcon', 'Beacon', 'Cedar', 'Lumen']
    seconds = ['Energy', 'Logistics', 'Foods', 'Systems', 'Pharma', 'Bank', 'Motors', 'Telecom']
    rows = []
    used = set()
    for i in range(40):
        name = f'{firsts[i % 20]} {seconds[(i * 3 + i // 20) % 8]}'
        sym = (name.split()[0][:3] + name.split()[-1][0]).upper()
        while sym in used:
            sym = sym[:3] + chr(ord(sym[3]) + 1)
        used.add(sym)
        last = rnd.uniform(8, 420)
        ch = rnd.uniform(-0.05, 0.05) * last
        vol = rnd.randint(12000, 9800000)
        lo, hi = last - abs(rnd.uniform(0.2, 0.03 * last)), last + abs(rnd.uniform(0.2, 0.03 * last))
        rows.append([sym, name, f'{last:,.2f}', f'{ch:+.2f}', f'{100 * ch / (last - ch):+.2f}%',
                     f'{vol:,}', f'{lo:,.2f} - {hi:,.2f}', f'{hi * rnd.uniform(1.05, 1.6):,.2f}'])
    return rows


def table_stocks_dense():
    p = Page('table_stocks_dense', 1920, 1080, 'Noto Sans', 12)
    p.css += """.hd{display:flex;align-items:baseline;gap:20px;padding:14px 24px 8px}h1{font-size:20px}
.main{display:flex;gap:30px;padding:0 24px}.st td,.st th{padding:2px 16px;border-bottom:1px solid #e6e6e6}
.st th{background:var(--head)}.st tr:nth-child(even) td{background:#fafafa}
.idx{width:360px;height:max-content}.idx td{padding:5px 10px}"""
    p.block()
    p.row()
    hd = f'<div class="hd"><h1>{p.t("Market Overview")}</h1><span class="muted">{p.t("Last updated 16:35 CET")}</span></div>'
    t = table(p, ['Symbol', 'Name', 'Last', 'Change', 'Change %', 'Volume', 'Day Range', '52W High'],
              stock_rows(), nums=(2, 3, 4, 5, 6, 7), cls='st')
    p.block()
    ih = f'<div class="b" style="margin-bottom:6px">{p.line("Indices")}</div>'
    it = table(p, None, [['DAX', '18,492.49', '+0.62%'], ['FTSE 100', '8,204.11', '-0.18%'],
                         ['CAC 40', '7,952.30', '+0.35%'], ['Nikkei 225', '39,870.02', '+1.04%'],
                         ['S&P 500', '5,648.40', '-0.27%'], ['Gold', '2,341.80', '+0.12%']],
               nums=(1, 2), new_block=False)
    p.body = f'{hd}<div class="main">{t}<div class="card idx">{ih}{it}</div></div>'
    return p


def table_spreadsheet():
    p = Page('table_spreadsheet', 1280, 800, 'Liberation Sans', 11)
    p.css += """.fbar{display:flex;gap:8px;padding:6px 8px;border-bottom:1px solid var(--border);background:var(--panel)}
.fbar .field{min-height:22px}.grid td{border:1px solid #d8d8d8;height:21px;width:118px;padding:0 5px}
.grid td.rn,.grid tr:first-child td{background:#eef0f3;text-align:center;color:#444}
.grid td.rn{width:40px}.tabs{position:absolute;left:0;bottom:0;right:0;height:30px;display:flex;gap:2px;
 padding:4px 50px;border-top:1px solid var(--border);background:var(--panel)}
.tabs span.tab{padding:3px 14px;border:1px solid var(--border);background:#fff}"""
    tb = titlebar(p, 'regional-sales.ods - Spreadsheet')
    p.block()
    p.row()
    fbar = (f'<div class="fbar"><div class="field" style="width:80px">{p.t("F7")}</div>'
            f'<div class="field" style="width:600px">{p.t("=SUM(B7:E7)")}</div></div>')
    p.block()
    data = [['Region', 'Q1', 'Q2', 'Q3', 'Q4', 'Total', 'Target', 'Diff'],
            ['North', '12,480', '13,105', '12,970', '15,220'],
            ['South', '9,310', '9,874', '10,402', '11,050'],
            ['East', '14,002', '13,550', '14,870', '16,315'],
            ['West', '8,745', '9,120', '9,660', '10,004'],
            ['Central', '11,230', '11,985', '12,340', '13,760'],
            ['Online', '6,890', '7,420', '8,315', '9,907']]
    for r in data[1:]:
        tot = sum(int(x.replace(',', '')) for x in r[1:5])
        target = round(tot * 0.96, -2)
        r += [f'{tot:,}', f'{int(target):,}', f'{int(tot - target):,}']
    sums = [sum(int(r[i].replace(',', '')) for r in data[1:]) for i in range(1, 8)]
    data.append(['Total'] + [f'{s:,}' for s in sums])
    cols = 'ABCDEFGHI'
    p.row()
    rows = ['<tr><td class="rn"></td>' + ''.join(f'<td>{p.t(c)}</td>' for c in cols) + '</tr>']
    for i in range(1, 30):
        p.row()
        cells = data[i - 1] if i <= len(data) else []
        rn = p.t(str(i))
        tds = ''.join(f'<td{" class=n" if j > 0 and i > 1 else ""}>{p.t(c)}</td>' for j, c in enumerate(cells))
        tds += '<td></td>' * (9 - len(cells))
        rows.append(f'<tr><td class="rn">{rn}</td>{tds}</tr>')
    grid = f'<table class="grid">{"".join(rows)}</table>'
    p.block()
    p.row()
    tabs = '<div class="tabs">' + ''.join(f'<span class="tab">{p.t(x)}</span>'
                                          for x in ['Sheet1', 'Sheet2', 'Summary']) + '</div>'
    p.body = f'{tb}{fbar}{grid}{tabs}'
    return p


PROCS = [
    ('firefox-esr', 'anna', '12.4', '812.6 MB', '2841'), ('Xorg', 'root', '3.1', '145.2 MB', '1022'),
    ('gnome-shell', 'anna', '2.8', '388.0 MB', '1530'), ('code', 'anna', '2.2', '624.9 MB', '3310'),
    ('pipewire', 'anna', '1.6', '18.4 MB', '1411'), ('tracker-miner-fs', 'anna', '1.2', '96.7 MB', '1688'),
    ('dockerd', 'root', '0.9', '74.1 MB', '902'), ('postgres', 'postgres', '0.7', '52.3 MB', '1187'),
    ('node', 'anna', '0.6', '201.5 MB', '4102'), ('evolution', 'anna', '0.4', '160.8 MB', '2215'),
    ('systemd-journald', 'root', '0.3', '22.9 MB', '331'), ('NetworkManager', 'root', '0.2', '19.6 MB', '788'),
    ('nautilus', 'anna', '0.2', '88.2 MB', '2960'), ('gnome-terminal', 'anna', '0.1', '61.0 MB', '3377'),
    ('bash', 'anna', '0.0', '5.2 MB', '3391'), ('ssh-agent', 'anna', '0.0', '1.1 MB', '1499'),
    ('cupsd', 'root', '0.0', '7.8 MB', '845'), ('avahi-daemon', 'avahi', '0.0', '3.9 MB', '771'),
    ('polkitd', 'polkitd', '0.0', '9.4 MB', '803'), ('dbus-daemon', 'messagebus', '0.0', '6.1 MB', '760'),
    ('cron', 'root', '0.0', '2.6 MB', '749'), ('sshd', 'root', '0.0', '8.3 MB', '951'),
]


def table_processes_dark():
    p = Page('table_processes_dark', 1280, 800, 'DejaVu Sans', 12, 'dark')
    p.css += """.tabs{display:flex;justify-content:center;gap:6px;padding:8px}
.tabs span.tab{padding:4px 18px;border-radius:5px}.tabs span.on{background:var(--panel2)}
.pr{width:100%}.pr td,.pr th{padding:4px 14px}.pr th{border-bottom:1px solid var(--border)}
.pr tr:nth-child(even) td{background:#242426}"""
    tb = titlebar(p, 'System Monitor')
    p.block()
    p.row()
    tabs = '<div class="tabs">' + ''.join(
        f'<span class="tab{" on" if x == "Processes" else ""}">{p.t(x)}</span>'
        for x in ['Processes', 'Resources', 'File Systems']) + '</div>'
    t = table(p, ['Process Name', 'User', '% CPU', 'Memory', 'ID'], [list(r) for r in PROCS],
              nums=(2, 3, 4), cls='pr')
    p.body = f'{tb}{tabs}{t}'
    return p


def menu_edit_light():
    p = Page('menu_edit_light', 1024, 768, 'Liberation Sans', 14)
    p.css += MENUBAR_CSS + MENU_CSS + """.status{position:absolute;left:0;right:0;bottom:0;height:28px;
 display:flex;gap:40px;justify-content:flex-end;align-items:center;padding:0 20px;background:var(--panel);
 border-top:1px solid var(--border)}"""
    tb = titlebar(p, 'notes.txt - Text Editor')
    mb = menubar(p, ['File', 'Edit', 'View', 'Search', 'Tools', 'Documents', 'Help'], 'Edit')
    m = menu(p, [('Undo', 'Ctrl+Z'), ('Redo', 'Shift+Ctrl+Z'), None, ('Cut', 'Ctrl+X'), ('Copy', 'Ctrl+C'),
                 ('Paste', 'Ctrl+V'), 'Delete', None, ('Select All', 'Ctrl+A'), None,
                 ('Find...', 'Ctrl+F'), ('Find and Replace...', 'Ctrl+H'), ('Go to Line...', 'Ctrl+I'),
                 None, 'Preferences'], left=50, top=64, sel='Copy')
    p.block()
    p.row()
    st = '<div class="status">' + ''.join(p.t(x) for x in ['Plain Text', 'Tab Width: 4', 'Ln 1, Col 1', 'INS']) + '</div>'
    p.body = f'{tb}{mb}{m}{st}'
    return p


def menu_file_dark():
    p = Page('menu_file_dark', 1280, 800, 'Noto Sans', 13, 'dark')
    p.css += MENUBAR_CSS + MENU_CSS + """.start{position:absolute;left:520px;top:250px;width:560px}
.search{height:44px;border-radius:22px;padding:0 22px;margin-bottom:40px}
.tiles{display:flex;justify-content:space-between}.tiles div{width:90px;text-align:center}
.tiles i{display:block;width:56px;height:56px;border-radius:14px;background:var(--panel2);margin:0 auto 8px}"""
    tb = titlebar(p, 'New Tab - Web Browser')
    mb = menubar(p, ['File', 'Edit', 'View', 'History', 'Bookmarks', 'Tools', 'Help'], 'File')
    m = menu(p, [('New Tab', 'Ctrl+T'), ('New Window', 'Ctrl+N'), ('New Private Window', 'Shift+Ctrl+P'),
                 None, ('Open File...', 'Ctrl+O'), ('Save Page As...', 'Ctrl+S'), None,
                 ('Share', ''), ('Print...', 'Ctrl+P'), None, ('Work Offline', ''), ('Quit', 'Ctrl+Q')],
             left=6, top=64, sel='New Window')
    p.block()
    p.row()
    s = f'<div class="field search">{p.t("Search or enter address", "muted")}</div>'
    p.row()
    tiles = '<div class="tiles">' + ''.join(f'<div><i></i>{p.t(x)}</div>'
                                            for x in ['Mail', 'Maps', 'News', 'Weather', 'Music']) + '</div>'
    p.body = f'{tb}{mb}{m}<div class="start">{s}{tiles}</div>'
    return p


def icon(kind):
    """A file or folder icon drawn with CSS."""
    return f'<i class="ic {kind}"></i>'


ICON_CSS = """
.ic{display:block;margin:0 auto 6px;position:relative}
.ic.folder{width:64px;height:46px;background:#5b8fd6;border-radius:3px;margin-top:10px}
.ic.folder:before{content:"";position:absolute;left:0;top:-8px;width:26px;height:10px;background:#5b8fd6;
 border-radius:3px 3px 0 0}
.ic.doc{width:44px;height:56px;background:#fff;border:1px solid #9aa;border-radius:2px}
.ic.doc:after{content:"";position:absolute;left:8px;right:8px;top:14px;height:22px;
 background:repeating-linear-gradient(#bcc 0 2px,transparent 2px 7px)}
.ic.img{width:56px;height:46px;background:linear-gradient(#8ec5ff,#bfe3a0);border:1px solid #9aa;margin-top:10px}
"""


def menu_context_files_light():
    p = Page('menu_context_files_light', 1280, 800, 'DejaVu Sans', 13)
    p.css += MENU_CSS + ICON_CSS + """.grid{position:absolute;left:30px;top:70px;width:640px}
.grid .r{display:flex;margin-bottom:26px}.grid .r div{width:128px;text-align:center}
.grid .r div.sel span{background:var(--sel);padding:1px 4px;border-radius:3px}"""
    tb = titlebar(p, 'Home')
    p.block()
    names = [[('Desktop', 'folder'), ('Documents', 'folder'), ('Downloads', 'folder'), ('Music', 'folder'),
              ('Pictures', 'folder')],
             [('Projects', 'folder'), ('Invoices', 'folder'), ('report.pdf', 'doc'), ('budget.ods', 'doc'),
              ('todo.txt', 'doc')],
             [('beach.jpg', 'img'), ('cat.png', 'img'), ('scan-004.pdf', 'doc'), ('notes.md', 'doc')]]
    rows = ''
    for r in names:
        p.row()
        rows += '<div class="r">' + ''.join(
            f'<div class="{"sel" if n == "report.pdf" else ""}">{icon(k)}{p.t(n)}</div>' for n, k in r) + '</div>'
    m = menu(p, ['Open', 'Open With Other Application', None, ('Cut', 'Ctrl+X'), ('Copy', 'Ctrl+C'),
                 ('Move to Trash', 'Delete'), ('Rename...', 'F2'), None, 'Compress...', 'Send to...',
                 None, ('Properties', 'Ctrl+I')], left=700, top=250, sel='Open')
    p.body = f'{tb}<div class="grid">{rows}</div>{m}'
    return p


def menu_context_browser_dark():
    p = Page('menu_context_browser_dark', 1024, 768, 'Noto Sans', 14, 'dark')
    p.css += MENU_CSS + """.art{position:absolute;left:60px;top:40px}h1{font-size:28px;margin-bottom:10px}"""
    p.block()
    h = f'<h1>{p.line("Trail Conditions")}</h1>'
    p.block()
    lines = ['The coastal path is open from the harbour to the lighthouse.',
             'The section through the pine forest is muddy after the rain,',
             'and the bridge at Mill Creek is closed until the end of April.']
    body = ''.join(f'<div>{p.line(x)}</div>' for x in lines)
    m = menu(p, [('Back', 'Alt+Left Arrow'), ('Forward', 'Alt+Right Arrow'), ('Reload', 'Ctrl+R'), None,
                 ('Save Page As...', 'Ctrl+S'), ('Select All', 'Ctrl+A'), ('Print...', 'Ctrl+P'), None,
                 ('View Page Source', 'Ctrl+U'), ('Inspect', 'Ctrl+Shift+I')], left=430, top=300)
    p.body = f'<div class="art">{h}{body}</div>{m}'
    return p


def menu_submenu_light():
    p = Page('menu_submenu_light', 1280, 800, 'Liberation Sans', 15)
    p.css += MENUBAR_CSS + MENU_CSS + """.canvas{position:absolute;left:0;right:0;top:65px;bottom:0;background:#5a5a5a}
.photo{position:absolute;left:640px;top:200px;width:480px;height:320px;
 background:radial-gradient(circle at 70% 30%,#ffe9a8 0 8%,transparent 9%),linear-gradient(#7fb3e0,#dcecf7 55%,#6f8f4e 56%,#3e5a2a)}"""
    tb = titlebar(p, 'harbour.jpg - Image Viewer')
    mb = menubar(p, ['File', 'Edit', 'View', 'Image', 'Go', 'Help'], 'View')
    m1 = menu(p, ['Toolbar', 'Status Bar', ('Side Pane', 'F9'), ('Image Gallery', 'Ctrl+F9'), None,
                  'Zoom', 'Rotate', None, ('Slideshow', 'F5'), ('Fullscreen', 'F11')],
              left=110, top=64, sel='Zoom', width=260, checked=('Toolbar', 'Status Bar'), sub=('Zoom', 'Rotate'))
    m2 = menu(p, [('Zoom In', 'Ctrl++'), ('Zoom Out', 'Ctrl+-'), ('Best Fit', 'F'), ('Normal Size', 'Ctrl+0')],
              left=368, top=196)
    p.body = f'{tb}{mb}<div class="canvas"><div class="photo"></div></div>{m1}{m2}'
    return p


DIALOG_CSS = """
.dlg{position:absolute;background:var(--field);border:1px solid var(--border);border-radius:10px;
 box-shadow:0 10px 40px var(--shadow);padding:26px 28px 22px}
.dlg h2{font-size:1.15em;margin-bottom:10px}.dlg .msg{margin-bottom:18px}
"""


def dialog_save_light():
    p = Page('dialog_save_light', 1024, 768, 'Liberation Sans', 15)
    p.css += MENUBAR_CSS + DIALOG_CSS + """.doc{position:absolute;left:0;right:0;top:65px;bottom:0;background:#d9d9d9}
.page{position:absolute;left:212px;top:30px;width:600px;bottom:0;background:#fff}"""
    tb = titlebar(p, 'report.odt - Writer')
    mb = menubar(p, ['File', 'Edit', 'View', 'Insert', 'Format', 'Styles', 'Table', 'Tools', 'Help'])
    p.block()
    h = f'<h2>{p.line("Save changes to document report.odt before closing?")}</h2>'
    msg = ''.join(f'<div>{p.line(x)}</div>' for x in [
        "If you don't save, your changes from the last 5 minutes",
        'will be lost for good.'])
    b = buttons(p, ['Close Without Saving', 'Cancel', 'Save'], primary='Save')
    p.body = (f'{tb}{mb}<div class="doc"><div class="page"></div></div>'
              f'<div class="dlg" style="left:152px;top:270px;width:720px">{h}<div class="msg">{msg}</div>{b}</div>')
    return p


def dialog_delete_dark():
    p = Page('dialog_delete_dark', 800, 600, 'Noto Sans', 14, 'dark')
    p.css += DIALOG_CSS + """.warn{position:absolute;left:28px;top:30px;width:0;height:0;border-left:22px solid transparent;
 border-right:22px solid transparent;border-bottom:38px solid #e0a030}.inner{margin-left:66px}
.check{vertical-align:middle}"""
    tb = titlebar(p, 'Trash')
    p.block()
    h = f'<h2>{p.line("Permanently delete 3 selected items?")}</h2>'
    msg = f'<div class="msg">{p.line("If you delete an item, it will be permanently lost.")}</div>'
    p.row()
    chk = f'<div class="row" style="margin-bottom:20px"><i class="check"></i>{p.t("Do not ask me again")}</div>'
    b = buttons(p, ['Cancel', 'Delete'], primary='Delete')
    p.body = (f'{tb}<div class="dlg" style="left:100px;top:170px;width:600px"><div class="warn"></div>'
              f'<div class="inner">{h}{msg}{chk}{b}</div></div>')
    return p


def dialog_print_light():
    p = Page('dialog_print_light', 1280, 800, 'DejaVu Sans', 13)
    p.css += DIALOG_CSS + """body{background:#7a7f87}.dlg{padding:0;overflow:hidden}
.dlg .titlebar{border-radius:10px 10px 0 0}.in{padding:14px 26px}
.tabs{display:flex;gap:24px;margin-bottom:12px}.pr{width:100%;margin-bottom:14px}
.pr td,.pr th{padding:5px 12px;border-bottom:1px solid var(--border)}.pr tr:nth-child(2) td{background:var(--sel)}"""
    tb = titlebar(p, 'Print')
    p.block()
    p.row()
    tabs = '<div class="tabs">' + ''.join(f'<span class="{"b" if x == "General" else ""}">{p.t(x)}</span>'
                                          for x in ['General', 'Page Setup', 'Options']) + '</div>'
    pr = table(p, ['Printer', 'Location', 'Status'],
               [['Office LaserJet 4200', '2nd floor', 'Idle'], ['Print to File', '', ''],
                ['Label Printer', 'Reception', 'Offline']], cls='pr')
    p.block()
    f = form(p, [
        ('radios', 'Range', [('All Pages', True), ('Current Page', False)]),
        ('radios', '', [('Pages:', False)]),
        ('field', 'Pages', '1-3, 7'),
        ('field', 'Copies', '2'),
        ('check', 'Collate', True),
        ('check', 'Reverse order', False),
        ('field', 'Paper size', 'A4', 'drop'),
        ('field', 'Orientation', 'Portrait', 'drop'),
    ], lw=150, fw=220, rh=34)
    p.block()
    b = buttons(p, ['Cancel', 'Preview', 'Print'], primary='Print', style='margin-top:10px')
    p.body = (f'<div class="dlg" style="left:260px;top:40px;width:760px;height:720px">{tb}'
              f'<div class="in">{tabs}{pr}{f}{b}</div></div>')
    return p


def dialog_error_large():
    p = Page('dialog_error_large', 1024, 768, 'Liberation Sans', 22)
    p.css += DIALOG_CSS + """body{background:#3a4a5c}.err{position:absolute;left:28px;top:30px;width:44px;height:44px;
 border-radius:50%;background:#d93025}.inner{margin-left:64px}"""
    p.block()
    h = f'<h2>{p.line("Could not connect to the server")}</h2>'
    msg = ''.join(f'<div>{p.line(x)}</div>' for x in [
        'The server at mail.example.com did not respond', 'within 30 seconds.'])
    msg += f'<div style="margin-top:12px">{p.line("Check your network connection and try again.")}</div>'
    b = buttons(p, ['Details', 'Retry', 'Close'], primary='Retry')
    p.body = (f'<div class="dlg" style="left:132px;top:200px;width:760px"><div class="err"></div>'
              f'<div class="inner">{h}<div class="msg">{msg}</div>{b}</div></div>')
    return p


BUILDERS = [form_settings_light, form_settings_dark, form_account_light, form_network_dark,
            table_files_light, table_invoices_dark, table_stocks_dense, table_spreadsheet, table_processes_dark,
            menu_edit_light, menu_file_dark, menu_context_files_light, menu_context_browser_dark,
            menu_submenu_light, dialog_save_light, dialog_delete_dark, dialog_print_light, dialog_error_large]
