"""Mail, dashboards, calendars, code editors, terminals and chats."""

import datetime

from page import Page
from pages_forms import PROCS
from text import COUNCIL, wrap
from widgets import VLIST_CSS, buttons, form, mono_lines, table, titlebar, vlist

MAILS = [
    ('Marta Okafor', '09:42', 'Opening day photos', 'Thank you all for Saturday, here are the best shots.'),
    ('Jonas Berg', '08:15', 'Night bus vote: the results', 'The council passed the plan by 31 to 12.'),
    ('Harbour Library', 'Yesterday', 'Your reservation is ready', 'The book you reserved can be collected.'),
    ('Anna Lindqvist', 'Yesterday', 'Draft for Saturday', 'Could you read the draft before noon?'),
    ('Valley Bakery', 'Mon', 'Order 1182 confirmed', 'Your order will be ready on Friday at 8:00.'),
    ('City Council', 'Mon', 'Agenda for Tuesday', 'Please find the agenda for the next meeting.'),
    ('Northwind Files', 'Mar 8', 'Version 4.2 is here', 'A faster search, a dark theme and more.'),
    ('Keller & Sons', 'Mar 7', 'Invoice INV-2025-033', 'Attached is the invoice for March.'),
    ('Blue Tide Cafe', 'Mar 5', 'Table for six on Friday', 'We have reserved the corner table for you.'),
]


def mail_three_pane_light():
    p = Page('mail_three_pane_light', 1440, 900, 'Liberation Sans', 13)
    p.css += VLIST_CSS + """.tool{display:flex;gap:8px;padding:8px 12px;border-bottom:1px solid var(--border)}
.main{display:flex;height:822px}.folders{width:200px;background:var(--panel);padding-top:8px;
 border-right:1px solid var(--border)}.list{width:470px;border-right:1px solid var(--border)}
.msg{padding:9px 16px;border-bottom:1px solid #e8e8e8}.msg.sel{background:var(--sel)}
.msg .r{display:flex;justify-content:space-between}.prev{flex:1;padding:18px 26px}
.prev .hd{border-bottom:1px solid var(--border);padding-bottom:10px;margin-bottom:14px}
.prev .hd td{padding:2px 14px 2px 0}.prev h2{font-size:18px;margin-bottom:8px}"""
    tb = titlebar(p, 'Inbox - Mail')
    p.block()
    tool = buttons(p, ['Get Messages', 'Write', 'Reply', 'Reply All', 'Forward', 'Delete'], cls='tool')
    folders = vlist(p, ['Inbox', 'Drafts', 'Sent', 'Archive', 'Spam', 'Trash'], sel='Inbox',
                    badges={'Inbox': '3', 'Drafts': '1', 'Spam': '12'})
    p.block()
    items = ''
    for i, (who, when, subj, _) in enumerate(MAILS):
        p.row()
        r1 = f'<div class="r"><span class="{"b" if i < 3 else ""}">{p.t(who)}</span>{p.t(when, "muted")}</div>'
        p.row()
        items += f'<div class="msg{" sel" if i == 0 else ""}">{r1}<div>{p.t(subj)}</div></div>'
    p.block()
    h = f'<h2>{p.line("Opening day photos")}</h2>'
    hd = table(p, None, [['From', 'Marta Okafor <marta@harbourlib.example>'],
                         ['To', 'Volunteers <volunteers@harbourlib.example>'],
                         ['Date', 'Tuesday, 11 March 2025, 09:42']], new_block=False)
    body_lines = ['Dear all,', '', 'Thank you for everything you did on Saturday. More than four hundred',
                  'people came through the doors, and the cafe ran out of cinnamon buns',
                  'before noon. I have put the best photos in the shared folder.', '',
                  'The next volunteer meeting is on Thursday at six in the study room.', '',
                  'Warm regards,', 'Marta']
    p.block()
    body = ''
    for x in body_lines:
        if x:
            body += f'<div>{p.line(x)}</div>'
        else:
            body += '<div style="height:1em"></div>'
            p.block()
    p.body = (f'{tb}{tool}<div class="main"><div class="folders">{folders}</div><div class="list">{items}</div>'
              f'<div class="prev"><div class="hd">{h}{hd}</div>{body}</div></div>')
    return p


def mail_dark():
    p = Page('mail_dark', 1280, 800, 'Noto Sans', 14, 'dark')
    p.css += """.main{display:flex;height:800px}.list{width:420px;background:var(--panel);border-right:1px solid var(--border)}
.search{margin:12px 14px}.msg{padding:10px 16px;border-bottom:1px solid var(--border)}
.msg.sel{background:var(--sel)}.msg .r{display:flex;justify-content:space-between}
.prev{flex:1;padding:24px 34px}.prev h2{font-size:21px;margin-bottom:10px}
.meta{display:flex;justify-content:space-between;margin-bottom:4px}.to{margin-bottom:20px}"""
    p.block()
    p.row()
    search = f'<div class="field search">{p.t("Search mail", "muted")}</div>'
    p.block()
    items = ''
    for i, (who, when, subj, snip) in enumerate(MAILS[:6]):
        p.row()
        r1 = f'<div class="r"><span class="b">{p.t(who)}</span>{p.t(when, "muted")}</div>'
        p.row()
        r2 = f'<div>{p.t(subj)}</div>'
        p.row()
        r3 = f'<div class="muted">{p.t(snip)}</div>'
        items += f'<div class="msg{" sel" if i == 1 else ""}">{r1}{r2}{r3}</div>'
    p.block()
    h = f'<h2>{p.line("Night bus vote: the results")}</h2>'
    p.row()
    meta = f'<div class="meta">{p.t("Jonas Berg", "b")}{p.t("Today, 08:15", "muted")}</div>'
    to = f'<div class="to muted">{p.line("To: night-bus@staffunion.example")}</div>'
    p.block()
    body = ''
    for para in wrap(COUNCIL[:3], 66) + [['Best wishes,', 'Jonas']]:
        body += '<div style="margin-bottom:14px">' + ''.join(f'<div>{p.line(x)}</div>' for x in para) + '</div>'
    p.body = f'<div class="main"><div class="list">{search}{items}</div><div class="prev">{h}{meta}{to}{body}</div></div>'
    return p


def mail_compose_light():
    p = Page('mail_compose_light', 1024, 768, 'DejaVu Sans', 14)
    p.css += """.tool{display:flex;gap:8px;padding:8px 14px;border-bottom:1px solid var(--border);background:var(--panel)}
.wrap{padding:10px 20px}.fmt{display:flex;gap:14px;align-items:center;padding:6px 0;margin:6px 0 12px;
 border-top:1px solid var(--border);border-bottom:1px solid var(--border)}.fmt i{width:16px;height:16px;
 display:block;background:var(--muted);border-radius:2px}.body div{min-height:1.4em}"""
    tb = titlebar(p, 'Write: Interview for Saturday')
    p.block()
    tool = buttons(p, ['Send', 'Spelling', 'Attach', 'Save'], primary='Send', cls='tool')
    p.block()
    f = form(p, [
        ('field', 'From', 'Anna Lindqvist <anna@gazette.example>', 'drop'),
        ('field', 'To', 'marta.okafor@harbourlib.example'),
        ('field', 'Cc', ''),
        ('field', 'Subject', 'Interview for Saturday'),
    ], lw=90, fw=560, rh=38)
    p.block()
    p.row()
    fmt = (f'<div class="fmt"><div class="field" style="width:150px">{p.t("Paragraph")}<i class="drop"></i></div>'
           '<i></i><i></i><i></i><i></i><i></i></div>')
    lines = ['Hello Marta,', '', 'Thank you for showing us around on Saturday. Could we meet on',
             'Wednesday at ten for a short interview about the new study room?', '',
             'It will take about half an hour, and our photographer would like', 'to take one or two pictures.',
             '', 'Best regards,', 'Anna']
    p.block()
    body = ''
    for x in lines:
        if x:
            body += f'<div>{p.line(x)}</div>'
        else:
            body += '<div></div>'
            p.block()
    p.body = f'{tb}{tool}<div class="wrap">{f}{fmt}<div class="body">{body}</div></div>'
    return p


def card(p, title, value, note, note_cls='muted'):
    """A dashboard card: title, a big value and a note, each a row."""
    p.block()
    return (f'<div class="card kpi box"><div class="muted">{p.line(title)}</div>'
            f'<div class="big">{p.line(value)}</div><div class="{note_cls}">{p.line(note)}</div></div>')


def dashboard_sales_light():
    p = Page('dashboard_sales_light', 1600, 900, 'Noto Sans', 14)
    p.css += """body{background:#f4f6f9}.card{background:#fff}.hd{display:flex;justify-content:space-between;
 align-items:center;padding:20px 30px}h1{font-size:24px}.kpis{display:flex;gap:20px;padding:0 30px}
.kpi{flex:1}.big{font-size:28px;font-weight:bold;margin:4px 0}.good{color:var(--good)}.bad{color:var(--bad)}
.row2{display:flex;gap:20px;padding:20px 30px}.chart{flex:1.4}.bars{display:flex;align-items:flex-end;
 gap:30px;height:260px;padding:10px 20px 0;border-bottom:1px solid var(--border)}
.bars i{flex:1;background:var(--accent);border-radius:4px 4px 0 0}.xl{display:flex;gap:30px;padding:6px 20px}
.xl span{flex:1;text-align:center}.top{flex:1}.top table{width:100%}.top td,.top th{padding:7px 8px;
 border-bottom:1px solid #eee}"""
    p.block()
    p.row()
    hd = (f'<div class="hd"><h1>{p.t("Sales Overview")}</h1>'
          f'<div class="field" style="width:170px">{p.t("Last 30 days")}<i class="drop"></i></div></div>')
    kp = ''.join([card(p, 'Revenue', '$482,910', '+12.4% vs last month', 'good'),
                  card(p, 'Orders', '6,214', '+3.1% vs last month', 'good'),
                  card(p, 'Average order', '$77.71', '-2.6% vs last month', 'bad'),
                  card(p, 'Returning customers', '38.2%', '+0.8 points', 'good')])
    p.block()
    ct = f'<div class="b">{p.line("Monthly revenue")}</div>'
    bars = ''.join(f'<i style="height:{h}%"></i>' for h in (52, 61, 58, 70, 66, 79, 74, 88, 92))
    p.row()
    xl = ''.join(f'<span>{p.t(m)}</span>' for m in ['Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'])
    p.block()
    tt = f'<div class="b" style="margin-bottom:6px">{p.line("Top products")}</div>'
    top = table(p, ['Product', 'Units', 'Revenue'],
                [['Harbour Tote Bag', '1,204', '$28,896'], ['Lighthouse Print A3', '872', '$26,160'],
                 ['Tide Table 2025', '1,530', '$15,300'], ['Wool Beanie', '644', '$14,812'],
                 ['Enamel Mug', '911', '$10,932'], ['Postcard Set', '1,788', '$8,940']],
                nums=(1, 2), new_block=False)
    p.body = (f'{hd}<div class="kpis">{kp}</div><div class="row2"><div class="card chart">{ct}'
              f'<div class="bars">{bars}</div><div class="xl">{xl}</div></div><div class="card top">{tt}{top}</div></div>')
    return p


def dashboard_server_dark():
    p = Page('dashboard_server_dark', 1920, 1080, 'DejaVu Sans', 13, 'dark')
    p.css += """body{background:#141414}.hd{display:flex;gap:30px;align-items:baseline;padding:22px 34px}
h1{font-size:22px}.ok{color:var(--good)}.kpis{display:flex;gap:22px;padding:0 34px}.kpi{flex:1}
.big{font-size:28px;font-weight:bold;margin:4px 0}.meter{height:8px;border-radius:4px;background:#3a3a3a;margin-top:10px}
.meter i{display:block;height:8px;border-radius:4px;background:var(--accent)}
.row2{display:flex;gap:22px;padding:22px 34px}.row2 .card{flex:1}.row2 table{width:100%}
.row2 td,.row2 th{padding:7px 6px;border-bottom:1px solid var(--border)}.bad{color:var(--bad)}"""
    p.block()
    p.row()
    hd = f'<div class="hd"><h1>{p.t("Cluster status: eu-west-2")}</h1>{p.t("All systems operational", "ok")}</div>'
    kp = ''
    for title, value, note, pct in [('CPU', '37%', '12 of 32 cores busy', 37), ('Memory', '61%', '78.1 of 128 GB', 61),
                                    ('Disk', '44%', '1.8 of 4 TB', 44), ('Network', '412 Mb/s', 'in 301, out 111', 41)]:
        c = card(p, title, value, note)  # ends with the card's closing </div>
        kp += c[:-len('</div>')] + f'<div class="meter"><i style="width:{pct}%"></i></div></div>'
    p.block()
    s1 = f'<div class="b" style="margin-bottom:8px">{p.line("Services")}</div>'
    svc = table(p, ['Service', 'Status', 'Uptime'],
                [['api-gateway', 'Running', '41 d'], ['auth', 'Running', '41 d'], ['billing', 'Running', '6 d'],
                 ['search-index', 'Degraded', '2 h'], ['mailer', 'Running', '13 d'], ['thumbnails', 'Running', '13 d'],
                 ['scheduler', 'Stopped', '-'], ['metrics', 'Running', '41 d']], nums=(2,), new_block=False)
    p.block()
    s2 = f'<div class="b" style="margin-bottom:8px">{p.line("Recent alerts")}</div>'
    al = table(p, None, [['14:02', 'Disk usage above 80% on db-3'], ['13:47', 'search-index restarted'],
                         ['12:10', 'Certificate for api renews in 14 days'], ['09:31', 'Backup finished in 42 min'],
                         ['08:05', 'scheduler stopped by anna']], new_block=False)
    p.block()
    s3 = f'<div class="b" style="margin-bottom:8px">{p.line("Deployments")}</div>'
    dp = table(p, ['Version', 'Service', 'When'],
               [['v2.14.1', 'api-gateway', '2 h ago'], ['v1.9.0', 'billing', '6 d ago'],
                ['v3.2.7', 'search-index', '9 d ago'], ['v0.8.4', 'thumbnails', '13 d ago']], new_block=False)
    p.body = (f'{hd}<div class="kpis">{kp}</div><div class="row2"><div class="card">{s1}{svc}</div>'
              f'<div class="card">{s2}{al}</div><div class="card">{s3}{dp}</div></div>')
    return p


def dashboard_weather_light():
    p = Page('dashboard_weather_light', 1280, 800, 'Liberation Sans', 15)
    p.css += """body{background:#eaf1f8}.top{display:flex;gap:30px;padding:30px 40px}.now{width:420px}
.city{font-size:28px;font-weight:bold}.det{flex:1}.det td{padding:5px 30px 5px 0}
.days{display:flex;gap:14px;padding:0 40px}.day{flex:1;text-align:center;background:#fff}
.day i{display:block;width:40px;height:40px;border-radius:50%;background:#f2c14e;margin:10px auto}
.day i.c{background:#b8c4cf;border-radius:20px;width:54px;height:30px}.hours{margin:26px 40px;background:#fff}
.hours td{width:100px;text-align:center;padding:4px 0}.card{background:#fff}"""
    p.block()
    now = (f'<div class="card now"><div class="city">{p.line("Bergen")}</div>'
           f'<div>{p.line("Light rain, 11°C")}</div><div class="muted">{p.line("Feels like 8°C")}</div></div>')
    det = table(p, None, [['Wind', '24 km/h SW'], ['Humidity', '87%'], ['Pressure', '1004 hPa'],
                          ['Sunrise', '06:12'], ['Sunset', '19:48']], cls='')
    days = ''
    for d, hi, lo, kind in [('Mon', '14°', '8°', 'c'), ('Tue', '12°', '7°', 'c'), ('Wed', '15°', '9°', ''),
                            ('Thu', '11°', '6°', 'c'), ('Fri', '13°', '6°', ''), ('Sat', '14°', '5°', ''),
                            ('Sun', '16°', '8°', '')]:
        p.block()
        d1 = p.line(d, 'b')
        p.row()
        days += f'<div class="card day box">{d1}<i class="{kind}"></i><div>{p.t(hi)} {p.t(lo, "muted")}</div></div>'
    hrs = ['12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00', '21:00']
    temps = ['11°', '12°', '12°', '13°', '12°', '11°', '10°', '9°', '9°', '8°']
    ht = table(p, None, [hrs, temps])
    p.body = (f'<div class="top">{now}<div class="card det">{det}</div></div><div class="days">{days}</div>'
              f'<div class="card hours">{ht}</div>')
    return p


def calendar_month_light():
    p = Page('calendar_month_light', 1280, 800, 'Noto Sans', 13)
    p.css += """.hd{display:flex;align-items:center;gap:16px;padding:14px 20px}h1{font-size:22px;margin-right:auto}
.cal{width:1240px;margin:0 20px;table-layout:fixed}.cal th{padding:6px 8px;border-bottom:1px solid var(--border)}
.cal td{height:104px;vertical-align:top;padding:6px 8px;border:1px solid #e3e3e3}
.cal td .ev{display:block;margin-top:4px;padding:1px 6px;border-radius:4px;background:#e3edfd;color:#1b4aa0}
.cal td.o{color:#9a9a9a}.cal td.today span.dn{background:var(--accent);color:#fff;border-radius:10px;padding:1px 7px}"""
    p.block()
    p.row()
    hd = (f'<div class="hd"><h1>{p.t("March 2025")}</h1>'
          + ''.join(f'<span class="btn">{p.t(x)}</span>' for x in ['Today', 'Month', 'Week', 'Day']) + '</div>')
    events = {3: 'Dentist 9:30', 7: 'Library opening', 10: 'Team sync', 11: 'Council vote',
              14: 'Pay rent', 17: 'Team sync', 19: 'Yoga 18:00', 21: 'Market day', 24: 'Team sync',
              27: 'Anna birthday', 31: 'Team sync'}
    p.block()
    p.row()
    head = '<tr>' + ''.join(f'<th>{p.t(d)}</th>' for d in ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) + '</tr>'
    start = datetime.date(2025, 2, 24)
    rows = ''
    for w in range(6):
        days = [start + datetime.timedelta(days=7 * w + i) for i in range(7)]
        p.row()
        nums = [p.t(str(d.day)) for d in days]
        has = [d.month == 3 and d.day in events for d in days]
        evs = ['' for _ in days]
        if any(has):
            p.row()
            evs = [f'<span class="ev">{p.t(events[d.day])}</span>' if h else '' for d, h in zip(days, has)]
        rows += '<tr>' + ''.join(
            f'<td class="{"o" if d.month != 3 else ""}{" today" if d == datetime.date(2025, 3, 12) else ""}">'
            f'<span class="dn">{n}</span>{e}</td>' for d, n, e in zip(days, nums, evs)) + '</tr>'
    p.body = f'{hd}<table class="cal">{head}{rows}</table>'
    return p


def calendar_week_dark():
    p = Page('calendar_week_dark', 1440, 900, 'DejaVu Sans', 12, 'dark')
    p.css += """.hd{padding:16px 20px;font-size:20px;font-weight:bold}.wk{position:relative;margin:0 20px}
.dh{display:flex;margin-left:70px;border-bottom:1px solid var(--border)}.dh span{width:190px;padding:6px 8px}
.hr{position:relative;height:70px;border-top:1px solid #333}.hr .tl{position:absolute;left:0;top:4px}
.ev{position:absolute;top:4px;height:60px;width:180px;border-radius:5px;padding:0 8px;background:#1f4e8c}
.ev.g{background:#2e6b3f}.ev.o{background:#7a4a16}"""
    p.block()
    hd = f'<div class="hd">{p.line("Week 11: March 10 - 16, 2025")}</div>'
    p.block()
    p.row()
    days = ['Mon 10', 'Tue 11', 'Wed 12', 'Thu 13', 'Fri 14', 'Sat 15', 'Sun 16']
    dh = '<div class="dh">' + ''.join(f'<span>{p.t(d)}</span>' for d in days) + '</div>'
    ev = {8: {0: ('Gym', 'g')}, 9: {0: ('Standup', ''), 1: ('Standup', ''), 2: ('Standup', ''), 3: ('Standup', ''),
                                    4: ('Standup', '')},
          10: {1: ('Design review', 'o'), 3: ('Dentist', 'g')}, 11: {2: ('Interview', '')},
          12: {0: ('Lunch with Jonas', 'g'), 4: ('Lunch', 'g')}, 13: {3: ('Council vote', 'o')},
          14: {0: ('Planning', ''), 2: ('Code review', '')}, 15: {5: ('Market', 'g')}, 16: {4: ('Retro', '')},
          17: {1: ('Yoga', 'g')}}
    hrs = ''
    for h in range(8, 19):
        p.row()
        tl = p.t(f'{h:02d}:00', 'muted')
        evs = ''.join(f'<div class="ev {c} box" style="left:{78 + 190 * d}px">{p.t(t)}</div>'
                      for d, (t, c) in sorted(ev.get(h, {}).items()))
        hrs += f'<div class="hr"><span class="tl">{tl}</span>{evs}</div>'
    p.body = f'{hd}<div class="wk">{dh}{hrs}</div>'
    return p


def calendar_picker_light():
    p = Page('calendar_picker_light', 800, 600, 'Liberation Sans', 14)
    p.css += """body{background:#dfe3e8}.dlg{position:absolute;left:200px;top:40px;width:400px;background:#fff;
 border-radius:10px;box-shadow:0 10px 30px rgba(0,0,0,.25);padding:20px 24px}h2{font-size:17px;margin-bottom:12px}
.mh{display:flex;justify-content:space-between;align-items:center;margin:14px 0 6px}
.mh i{width:0;height:0;border-top:6px solid transparent;border-bottom:6px solid transparent}
.mh i.l{border-right:8px solid #555}.mh i.r{border-left:8px solid #555}
.mc{width:100%}.mc td,.mc th{text-align:center;padding:5px 0;width:50px}.mc td.o{color:#999}
.mc td.s span{background:var(--accent);color:#fff;border-radius:14px;padding:3px 8px}"""
    p.block()
    h = f'<h2>{p.line("Choose a date")}</h2>'
    f = form(p, [('field', 'Start date', '14/03/2025')], lw=100, fw=200, rh=36)
    p.block()
    mh = f'<div class="mh"><i class="l"></i>{p.line("March 2025", "b")}<i class="r"></i></div>'
    p.row()
    head = '<tr>' + ''.join(f'<th>{p.t(d)}</th>' for d in ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']) + '</tr>'
    start = datetime.date(2025, 2, 24)
    rows = ''
    for w in range(6):
        p.row()
        days = [start + datetime.timedelta(days=7 * w + i) for i in range(7)]
        rows += '<tr>' + ''.join(
            f'<td class="{"o" if d.month != 3 else ""}{" s" if d == datetime.date(2025, 3, 14) else ""}">'
            f'<span>{p.t(str(d.day))}</span></td>' for d in days) + '</tr>'
    p.block()
    b = buttons(p, ['Cancel', 'Select'], primary='Select', style='margin-top:14px')
    p.body = f'<div class="dlg">{h}{f}{mh}<table class="mc">{head}{rows}</table>{b}</div>'
    return p


GO_CODE = '''package server

import (
    "context"
    "errors"
    "fmt"
    "net/http"
    "time"

    "example.org/harbour/internal/store"
)

// Server answers the HTTP API for the catalogue.
type Server struct {
    store   *store.Store
    timeout time.Duration
}

// New returns a server over st; requests time out after d.
func New(st *store.Store, d time.Duration) *Server {
    return &Server{store: st, timeout: d}
}

func (s *Server) handleBook(w http.ResponseWriter, r *http.Request) {
    ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
    defer cancel()
    id := r.PathValue("id")
    book, err := s.store.Book(ctx, id)
    if errors.Is(err, store.ErrNotFound) {
        http.Error(w, "no such book", http.StatusNotFound)
        return
    }
    if err != nil {
        http.Error(w, fmt.Sprintf("lookup %s: %v", id, err), 500)
        return
    }
    writeJSON(w, book)
}'''

PY_CODE = '''import csv
import statistics
from pathlib import Path


def load_sales(path):
    """Reads the monthly sales from a CSV file."""
    with Path(path).open(newline="") as f:
        return [row for row in csv.DictReader(f)]


def summary(rows, key="revenue"):
    values = [float(r[key]) for r in rows if r[key]]
    return {
        "count": len(values),
        "mean": round(statistics.mean(values), 2),
        "median": statistics.median(values),
        "max": max(values),
    }


if __name__ == "__main__":
    rows = load_sales("sales-2025.csv")
    print(summary(rows))'''

JS_CODE = '''const form = document.querySelector("#signup");
const status = document.querySelector(".status");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  status.textContent = "Sending...";
  try {
    const res = await fetch("/api/signup", {
      method: "POST",
      body: data,
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    status.textContent = "Thank you!";
    form.reset();
  } catch (err) {
    status.textContent = "Please try again.";
    console.error(err);
  }
});'''

CODE_CSS = """
.code .cl{display:flex;white-space:pre;height:1.45em;align-items:center}
.code .ln{display:inline-block;width:3.2em;text-align:right;padding-right:1.4em;color:var(--muted);flex:none;
 box-sizing:content-box}
"""


def code_lines(text):
    """Code as lines with indentation kept (the truth drops it)."""
    return text.split('\n')


def code_editor_dark():
    p = Page('code_editor_dark', 1920, 1080, 'DejaVu Sans', 13, 'dark', extra_fonts=['DejaVu Sans Mono'])
    p.css += CODE_CSS + VLIST_CSS + """.main{display:flex;height:1052px}.act{width:48px;background:#333;
 display:flex;flex-direction:column;gap:22px;align-items:center;padding-top:14px}.act i{width:24px;height:24px;
 border:2px solid #999;border-radius:4px}.side{width:260px;background:var(--panel);padding-top:8px}
.side .hd{padding:4px 16px;font-size:11px;font-weight:bold;color:var(--muted)}
.ed{flex:1;background:var(--bg)}.tabs{display:flex;background:var(--panel)}
.tabs span.tab{padding:8px 20px;border-right:1px solid var(--border)}.tabs span.on{background:var(--bg)}
.code{font-family:'DejaVu Sans Mono';font-size:14px;padding-top:8px}
.sb{position:absolute;left:0;right:0;bottom:0;height:28px;background:#007acc;color:#fff;display:flex;
 gap:24px;align-items:center;padding:0 14px}.sb .r{margin-left:auto}.vlist .li{padding:3px 16px}"""
    p.block()
    hd = f'<div class="hd">{p.line("EXPLORER")}</div>'
    tree = vlist(p, ['harbour', 'cmd', 'internal', 'server', 'server.go', 'server_test.go', 'store',
                     'store.go', 'go.mod', 'go.sum', 'README.md'], sel='server.go')
    for n, ind in [('cmd', 1), ('internal', 1), ('server', 2), ('server.go', 3), ('server_test.go', 3),
                   ('store', 2), ('store.go', 3), ('go.mod', 1), ('go.sum', 1), ('README.md', 1)]:
        tree = tree.replace(f'>{n}</span>', f' style="margin-left:{14 * ind}px">{n}</span>', 1)
    p.block()
    p.row()
    tabs = '<div class="tabs">' + ''.join(f'<span class="tab{" on" if x == "server.go" else ""}">{p.t(x)}</span>'
                                          for x in ['server.go', 'store.go', 'README.md']) + '</div>'
    code = mono_lines(p, code_lines(GO_CODE), numbers=True)
    p.block()
    p.row()
    sb = '<div class="sb">' + ''.join(p.t(x) for x in ['main', '0 errors, 1 warning']) + \
        '<span class="r"></span>' + ''.join(p.t(x) for x in ['Ln 24, Col 9', 'Tab Size: 4', 'UTF-8', 'LF', 'Go']) + '</div>'
    p.body = (f'<div class="main"><div class="act"><i></i><i></i><i></i><i></i></div><div class="side">{hd}{tree}</div>'
              f'<div class="ed">{tabs}{code}</div></div>{sb}')
    return p


def code_editor_light():
    p = Page('code_editor_light', 1280, 800, 'Liberation Sans', 12, extra_fonts=['Liberation Mono'])
    p.css += CODE_CSS + """.tabs{display:flex;background:var(--panel);border-bottom:1px solid var(--border)}
.tabs span.tab{padding:7px 18px}.tabs span.on{background:#fff;border-bottom:2px solid var(--accent)}
.code{font-family:'Liberation Mono';font-size:13px;padding-top:6px;height:560px}
.panel{border-top:1px solid var(--border);background:var(--panel);height:150px;padding:6px 14px}
.panel .ph{display:flex;gap:20px;margin-bottom:6px}.panel .ph span{font-weight:bold}
.sb{height:26px;display:flex;gap:22px;align-items:center;padding:0 14px;background:var(--panel2);
 border-top:1px solid var(--border)}"""
    tb = titlebar(p, 'report.py - sales-tools')
    p.block()
    p.row()
    tabs = '<div class="tabs">' + ''.join(f'<span class="tab{" on" if x == "report.py" else ""}">{p.t(x)}</span>'
                                          for x in ['report.py', 'loader.py', 'README.md']) + '</div>'
    code = mono_lines(p, code_lines(PY_CODE), numbers=True)
    p.block()
    p.row()
    ph = '<div class="ph">' + ''.join(p.t(x) for x in ['Problems', 'Output', 'Terminal']) + '</div>'
    probs = ''.join(f'<div>{p.line(x)}</div>' for x in [
        'report.py:1: "csv" is imported but only used in load_sales',
        'report.py:14: line too long (92 > 88 characters)'])
    p.block()
    p.row()
    sb = '<div class="sb">' + ''.join(p.t(x) for x in ['Ln 14, Col 22', 'Spaces: 4', 'UTF-8', 'Python 3.11']) + '</div>'
    p.body = f'{tb}{tabs}{code}<div class="panel">{ph}{probs}</div>{sb}'
    return p


def code_editor_large_dark():
    p = Page('code_editor_large_dark', 1024, 768, 'DejaVu Sans Mono', 18, 'dark')
    p.css += CODE_CSS + """.code{padding-top:10px}.code .ln{width:2em}"""
    tb = titlebar(p, 'signup.js - Editor')
    code = mono_lines(p, code_lines(JS_CODE), numbers=True)
    p.body = f'{tb}{code}'
    return p


TERM_CSS = """
.term{font-family:%s;padding:8px 10px}.term .cl{white-space:pre;height:1.3em}
.cur{display:inline-block;width:0.6em;height:1.1em;background:currentColor;vertical-align:text-bottom}
"""


def terminal_dark():
    p = Page('terminal_dark', 1024, 768, 'DejaVu Sans Mono', 14, 'dark')
    p.css += TERM_CSS % "'DejaVu Sans Mono'" + 'body{background:#300a24;color:#eeeeec}'
    tb = titlebar(p, 'anna@harbour: ~/projects/site')
    lines = ['anna@harbour:~/projects/site$ ls -l', 'total 28',
             '-rw-r--r-- 1 anna anna  1204 Mar 12 09:14 README.md',
             'drwxr-xr-x 4 anna anna  4096 Mar 11 17:02 assets',
             '-rw-r--r-- 1 anna anna  7311 Mar 12 10:40 index.html',
             '-rw-r--r-- 1 anna anna   512 Feb 28 16:20 netlify.toml',
             'drwxr-xr-x 2 anna anna  4096 Mar 10 08:55 styles',
             'anna@harbour:~/projects/site$ git status', 'On branch main',
             "Your branch is up to date with 'origin/main'.", '', 'Changes not staged for commit:',
             '  (use "git add <file>..." to update what will be committed)',
             '        modified:   index.html', '        modified:   styles/main.css', '',
             'Untracked files:', '        notes.txt', '',
             'anna@harbour:~/projects/site$ git log --oneline -3',
             '4f2a9c1 Opening hours for the weekend', 'b71e0d8 New photos of the reading room',
             '0c93e52 Fix the footer on small screens', 'anna@harbour:~/projects/site$ ']
    term = mono_lines(p, lines, cls='term')
    term = term.replace('site$ </span></div></div>', 'site$ </span><span class="cur"></span></div></div>')
    p.body = f'{tb}{term}'
    return p


def terminal_light():
    p = Page('terminal_light', 1280, 800, 'Liberation Mono', 15)
    p.css += TERM_CSS % "'Liberation Mono'"
    tb = titlebar(p, 'Terminal')
    lines = ['$ make build', 'go build -o bin/harbour ./cmd/harbour', '# example.org/harbour/internal/store',
             'internal/store/store.go:42:9: undefined: ErrNotFound',
             'internal/store/store.go:57:2: declared and not used: n',
             'make: *** [Makefile:12: build] Error 1', '$ vim internal/store/store.go', '$ make build test',
             'go build -o bin/harbour ./cmd/harbour', 'go test ./...',
             'ok      example.org/harbour/internal/server   0.412s',
             'ok      example.org/harbour/internal/store    1.087s',
             '?       example.org/harbour/cmd/harbour       [no test files]',
             '$ df -h /srv', 'Filesystem      Size  Used Avail Use% Mounted on',
             '/dev/nvme0n1p3  468G  301G  144G  68% /srv', '$ ']
    term = mono_lines(p, lines, cls='term')
    p.body = f'{tb}{term}'
    return p


def terminal_top_dark():
    p = Page('terminal_top_dark', 1366, 768, 'DejaVu Sans Mono', 12, 'dark')
    p.css += """body{background:#101010}.top{padding:8px 10px}.hdr{display:flex;gap:60px;margin-bottom:10px}
.bars div{display:flex;align-items:center;gap:10px;height:18px}.bar{width:300px;height:10px;background:#333}
.bar i{display:block;height:10px;background:#4caf50}.sum div{height:18px}
.pt th{background:#2e7d32;color:#fff}.pt td,.pt th{padding:0 10px;height:18px}.keys{position:absolute;bottom:6px;
 left:10px;display:flex;gap:18px}.keys span.k{background:#2e7d32;color:#fff;padding:0 4px}"""
    p.block()
    bars = ''
    for name, pct in [('CPU0', '23.4%'), ('CPU1', '61.0%'), ('Mem', '5.2G/15.5G'), ('Swp', '0K/2.0G')]:
        p.row()
        n = p.t(name)
        w = 61 if name == 'CPU1' else 23 if name == 'CPU0' else 34 if name == 'Mem' else 0
        bars += f'<div>{n}<span class="bar"><i style="width:{w}%"></i></span>{p.t(pct)}</div>'
    p.block()
    sm = ''.join(f'<div>{p.line(x)}</div>' for x in ['Tasks: 213, 1042 thr; 2 running',
                                                     'Load average: 0.82 0.64 0.51', 'Uptime: 3 days, 04:12:55'])
    rows = []
    for i, (name, user, cpu, mem, pid) in enumerate(PROCS):
        res = mem.replace(' MB', 'M')
        rows.append([pid, user, '20', '0', res, cpu, f'{(i * 7 + 3) % 60}:{(i * 13) % 60:02d}.{i % 10}0', name])
    t = table(p, ['PID', 'USER', 'PRI', 'NI', 'RES', 'CPU%', 'TIME+', 'Command'], rows, nums=(0, 2, 3, 4, 5, 6),
              cls='pt')
    p.block()
    p.row()
    keys = '<div class="keys">' + ''.join(f'<span><span class="k">{p.t(k)}</span> {p.t(v)}</span>' for k, v in [
        ('F1', 'Help'), ('F2', 'Setup'), ('F3', 'Search'), ('F5', 'Tree'), ('F6', 'Sort'), ('F9', 'Kill'),
        ('F10', 'Quit')]) + '</div>'
    p.body = (f'<div class="top"><div class="hdr"><div class="bars">{bars}</div><div class="sum">{sm}</div></div>'
              f'{t}</div>{keys}')
    return p


CHAT_CSS = """
.bub{max-width:560px;padding:8px 12px;border-radius:12px;margin:8px 0;width:max-content}
.bub.in{background:var(--panel2)}.bub.out{background:var(--accent);color:#fff;margin-left:auto}
.bub .tm{font-size:0.8em;opacity:1;text-align:right;margin-top:2px}
"""


def bubble(p, lines, when, out=False):
    """A chat bubble: its lines and its time, one block."""
    p.block()
    body = ''.join(f'<div>{p.line(x)}</div>' for x in lines)
    return f'<div class="bub {"out" if out else "in"} box">{body}<div class="tm">{p.line(when)}</div></div>'


def chat_light():
    p = Page('chat_light', 1280, 800, 'Noto Sans', 14)
    p.css += CHAT_CSS + """.main{display:flex;height:800px}.list{width:320px;border-right:1px solid var(--border);
 background:var(--panel)}.search{margin:14px}.conv{padding:10px 16px}.conv.sel{background:var(--sel)}
.conv .r{display:flex;justify-content:space-between}.chat{flex:1;display:flex;flex-direction:column}
.ch{padding:12px 24px;border-bottom:1px solid var(--border)}.msgs{flex:1;padding:10px 24px}
.bub .tm{color:var(--muted)}.bub.out .tm{color:#fff}.inp{display:flex;gap:10px;padding:12px 24px;
 border-top:1px solid var(--border)}.inp .field{flex:1;height:40px}"""
    p.block()
    p.row()
    search = f'<div class="field search">{p.t("Search", "muted")}</div>'
    p.block()
    convs = ''
    for i, (who, when, last) in enumerate([
            ('Marta Okafor', '09:20', 'See you on Thursday!'), ('Jonas Berg', '08:51', 'The vote passed.'),
            ('Family', 'Yesterday', 'Dad: photos from the trip'), ('Anna Lindqvist', 'Yesterday', 'Draft attached'),
            ('Book Club', 'Sun', 'Next month: The Lighthouse'), ('Valley Bakery', 'Fri', 'Your order is ready')]):
        p.row()
        r1 = f'<div class="r">{p.t(who, "b")}{p.t(when, "muted")}</div>'
        p.row()
        convs += f'<div class="conv{" sel" if i == 0 else ""}">{r1}<div class="muted">{p.t(last)}</div></div>'
    p.block()
    ch = f'<div class="ch"><div class="b">{p.line("Marta Okafor")}</div><div class="muted">{p.line("online")}</div></div>'
    msgs = ''.join([
        bubble(p, ['Good morning! Did the photos from Saturday arrive?'], '09:02'),
        bubble(p, ['Yes, they are lovely. The one of the queue', 'along the quay is my favourite.'], '09:05', True),
        bubble(p, ['Can we use it for the newsletter?'], '09:06'),
        bubble(p, ['Of course. I will send the full size file tonight.'], '09:11', True),
        bubble(p, ['Thank you! See you on Thursday!'], '09:20'),
    ])
    p.block()
    p.row()
    inp = f'<div class="inp"><div class="field">{p.t("Type a message", "muted")}</div><span class="btn primary">{p.t("Send")}</span></div>'
    p.body = (f'<div class="main"><div class="list">{search}{convs}</div>'
              f'<div class="chat">{ch}<div class="msgs">{msgs}</div>{inp}</div></div>')
    return p


def chat_dark():
    p = Page('chat_dark', 1440, 900, 'DejaVu Sans', 15, 'dark')
    p.css += VLIST_CSS + """.main{display:flex;height:900px}.side{width:260px;background:#19171d;padding-top:14px}
.side .ws{padding:0 16px 12px;font-size:18px;font-weight:bold}.side .sh{padding:10px 16px 4px;color:var(--muted)}
.vlist .li{padding:3px 16px}.chat{flex:1;display:flex;flex-direction:column}
.ch{padding:12px 24px;border-bottom:1px solid var(--border)}.msgs{flex:1;padding:6px 24px}
.m{display:flex;gap:12px;margin:14px 0}.m i{width:38px;height:38px;border-radius:6px;flex:none}
.m .who{display:flex;gap:10px;align-items:baseline}.inp{margin:14px 24px}.inp .field{height:44px}"""
    p.block()
    ws = f'<div class="ws">{p.line("Harbour Team")}</div>'
    p.block()
    sh1 = f'<div class="sh">{p.line("Channels")}</div>'
    chans = vlist(p, ['# general', '# design', '# releases', '# random'], sel='# releases')
    p.block()
    sh2 = f'<div class="sh">{p.line("Direct messages")}</div>'
    dms = vlist(p, ['Marta Okafor', 'Jonas Berg', 'Anna Lindqvist'])
    p.block()
    ch = f'<div class="ch"><div class="b">{p.line("# releases")}</div><div class="muted">{p.line("Version 4.2 launch planning")}</div></div>'
    msgs = ''
    colours = {'Marta Okafor': '#c2185b', 'Jonas Berg': '#1976d2', 'Anna Lindqvist': '#388e3c'}
    for who, when, lines in [
            ('Jonas Berg', '10:02', ['The release candidate passed all tests last night.']),
            ('Marta Okafor', '10:05', ['Great news. Are the release notes ready?',
                                       'I would like to read them before lunch.']),
            ('Anna Lindqvist', '10:11', ['Almost. I am adding the section about the new export dialog.']),
            ('Jonas Berg', '10:14', ['Then let us ship on Thursday at 14:00.', 'I will prepare the build.']),
            ('Marta Okafor', '10:20', ['Sounds good. Thank you both!'])]:
        p.block()
        p.row()
        head = f'<div class="who">{p.t(who, "b")}{p.t(when, "muted")}</div>'
        body = ''.join(f'<div>{p.line(x)}</div>' for x in lines)
        msgs += f'<div class="m"><i style="background:{colours[who]}"></i><div>{head}{body}</div></div>'
    p.block()
    p.row()
    inp = f'<div class="inp"><div class="field">{p.t("Message # releases", "muted")}</div></div>'
    p.body = (f'<div class="main"><div class="side">{ws}{sh1}{chans}{sh2}{dms}</div>'
              f'<div class="chat">{ch}<div class="msgs">{msgs}</div>{inp}</div></div>')
    return p


def chat_large_light():
    p = Page('chat_large_light', 1024, 768, 'Liberation Sans', 20)
    p.css += CHAT_CSS + """.ch{padding:14px 30px;border-bottom:1px solid var(--border);background:var(--panel)}
.msgs{padding:10px 30px}.bub .tm{color:var(--muted)}.bub.out .tm{color:#fff}
.inp{position:absolute;left:0;right:0;bottom:0;display:flex;gap:12px;padding:14px 30px;border-top:1px solid var(--border)}
.inp .field{flex:1;height:48px}"""
    p.block()
    ch = f'<div class="ch b">{p.line("Family")}</div>'
    msgs = ''.join([
        bubble(p, ['Dad: The ferry leaves at 7:40 tomorrow.'], '18:02'),
        bubble(p, ['We will be at the harbour by 7:15.'], '18:10', True),
        bubble(p, ['Mum: Bring warm jackets, it will be', 'windy on the island.'], '18:12'),
        bubble(p, ['Good idea. Should we bring lunch?'], '18:15', True),
        bubble(p, ['Dad: Yes please, the cafe is closed', 'until May.'], '18:21'),
    ])
    p.block()
    p.row()
    inp = f'<div class="inp"><div class="field">{p.t("Write a message", "muted")}</div><span class="btn primary">{p.t("Send")}</span></div>'
    p.body = f'{ch}<div class="msgs">{msgs}</div>{inp}'
    return p


BUILDERS = [mail_three_pane_light, mail_dark, mail_compose_light,
            dashboard_sales_light, dashboard_server_dark, dashboard_weather_light,
            calendar_month_light, calendar_week_dark, calendar_picker_light,
            code_editor_dark, code_editor_light, code_editor_large_dark,
            terminal_dark, terminal_light, terminal_top_dark,
            chat_light, chat_dark, chat_large_light]
