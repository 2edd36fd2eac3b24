package ocr

import (
	"fmt"
	"strings"
	"testing"
)

// orderText orders lines given in reverse and returns the text as read.
func orderText(lines []Line) string {
	return Result{Lines: Order(reversed(lines))}.Text()
}

// A straight grid stays straight when the boxes of its few longer lines
// all lean a pixel one way (a calendar's event chips): its rows still
// align across the columns and are read across.
func TestOrderKeepsALevelGridLevel(t *testing.T) {
	var in []Line
	days := []string{"Mon", "Tue", "Wed", "Thu"}
	for c, d := range days {
		x := 20 + 180*float64(c)
		in = append(in, ln(d, x, 60, x+30, 76), ln(fmt.Sprint(c+3), x, 200, x+10, 212))
	}
	in = append(in, ln("March 2025 calendar", 20, 20, 200, 40), ln("All events shown", 20, 260, 200, 276))
	for c, ev := range []string{"Dentist 9:30", "Team sync", "Council vote"} {
		x := 24 + 180*float64(c)
		in = append(in, skewed(ev, x, 222, 80, 16, 1.5/80)) // 1.5 px of lean
	}
	got := orderText(in)
	want := "March 2025 calendar\nMon Tue Wed Thu\n3 4 5 6\nDentist 9:30 Team sync Council vote\nAll events shown"
	if got != want {
		t.Errorf("read as\n%s\nwant\n%s", got, want)
	}
}

// Tables side by side whose rows happen to align (a dashboard's panels)
// are read one at a time when one goes on for rows after the other ends;
// a spreadsheet's row numbers going on below its data do not part it.
func TestOrderReadsTablesSideBySideOneAtATime(t *testing.T) {
	services := grid([]float64{20, 160, 280}, 40, 24, 14,
		[]string{"Service", "Status", "Uptime"}, []string{"api", "Running", "41 d"},
		[]string{"auth", "Running", "41 d"}, []string{"billing", "Running", "6 d"},
		[]string{"mailer", "Running", "13 d"}, []string{"search", "Degraded", "2 h"},
		[]string{"metrics", "Running", "41 d"})
	alerts := grid([]float64{400, 480}, 40, 24, 14,
		[]string{"14:02", "Disk usage high"}, []string{"13:47", "search restarted"})
	got := orderText(append(services, alerts...))
	want := "Service Status Uptime\napi Running 41 d\nauth Running 41 d\nbilling Running 6 d\nmailer Running 13 d\n" +
		"search Degraded 2 h\nmetrics Running 41 d\n14:02 Disk usage high\n13:47 search restarted"
	if got != want {
		t.Errorf("panels read as\n%s\nwant\n%s", got, want)
	}
	sheet := grid([]float64{4, 60, 200, 340}, 40, 21, 12,
		[]string{"1", "Region", "Q1", "Q2"}, []string{"2", "North", "12,480", "13,105"},
		[]string{"3", "South", "9,310", "9,874"}, []string{"4"}, []string{"5"}, []string{"6"}, []string{"7"})
	got = orderText(sheet)
	want = "1 Region Q1 Q2\n2 North 12,480 13,105\n3 South 9,310 9,874\n4\n5\n6\n7"
	if got != want {
		t.Errorf("spreadsheet read as\n%s\nwant\n%s", got, want)
	}
}

// A row of cards above panels is read before the panels, even where a
// gutter runs through both (here between the third and fourth card, and
// between the panels).
func TestOrderReadsARowOfCardsFirst(t *testing.T) {
	var in []Line
	for c, name := range []string{"CPU", "Memory", "Disk", "Network"} {
		x := 20 + 300*float64(c)
		in = append(in, ln(name, x, 40, x+60, 54), ln("37%", x, 64, x+50, 90), ln("12 of 32 busy", x, 98, x+110, 112))
	}
	in = append(in, grid([]float64{20, 200}, 180, 24, 14,
		[]string{"Services", ""}, []string{"api", "Running"}, []string{"auth", "Running"},
		[]string{"billing", "Running"}, []string{"mailer", "Running"}, []string{"search", "Stopped"})...)
	in = append(in, grid([]float64{800, 1000}, 180, 24, 14,
		[]string{"Deployments", ""}, []string{"v2.1", "2 h ago"}, []string{"v1.9", "6 d ago"})...)
	got := strings.Split(orderText(in), "\n")
	if len(got) < 13 || got[0] != "CPU" || got[9] != "Network" || got[11] != "12 of 32 busy" || !strings.HasPrefix(got[12], "Services") {
		t.Errorf("read as\n%s\nwant the four cards, then the panels", strings.Join(got, "\n"))
	}
}

// A chart's bars, taken for text, neither join the rows beside them nor
// block the gutters: the table beside the chart is still read row by row,
// and the bars come before the first block below their middle.
func TestOrderLeavesBlobsOutOfRows(t *testing.T) {
	in := grid([]float64{600, 800, 900}, 100, 30, 16,
		[]string{"Product", "Units", "Revenue"}, []string{"Tote Bag", "1,204", "$28,896"},
		[]string{"Print A3", "872", "$26,160"}, []string{"Beanie", "644", "$14,812"})
	in = append(in, ln("Monthly revenue", 20, 60, 160, 76), ln("|||", 60, 110, 540, 240),
		ln("Jul Aug Sep", 60, 260, 400, 276))
	got := orderText(in)
	want := "Monthly revenue\nProduct Units Revenue\nTote Bag 1,204 $28,896\nPrint A3 872 $26,160\nBeanie 644 $14,812\n|||\nJul Aug Sep"
	if got != want {
		t.Errorf("read as\n%s\nwant\n%s", got, want)
	}
}

// A window's title, centred over a menu bar and an open submenu that form
// columns, is read first even when it sits close above them.
func TestOrderReadsACentredTitleFirst(t *testing.T) {
	// The boxes PP-OCRv4 found on testdata/devset/menu_submenu_light.png.
	in := []Line{
		ln("harbour.jpg - Image Viewer", 542, 7, 737, 27), ln("", 1259, 14, 1265, 19),
		ln("File", 15, 40, 43, 56), ln("Edit", 58, 40, 89, 55), ln("View", 101, 38, 143, 60),
		ln("Toolbar", 133, 74, 188, 91), ln("Status Bar", 132, 99, 209, 117),
		ln("Side Pane", 136, 127, 209, 144), ln("F9", 328, 128, 350, 142),
		ln("Image Gallery", 135, 152, 232, 171), ln("Ctrl+F9", 296, 153, 350, 170),
		ln("Zoom", 135, 187, 179, 206), ln("Zoom In", 393, 206, 454, 223), ln("Ctrl++", 516, 207, 559, 222),
		ln("Rotate", 136, 215, 183, 230), ln("Zoom Out", 393, 232, 465, 249), ln("Ctrl+-", 520, 233, 558, 248),
		ln("Slideshow", 136, 250, 208, 267), ln("F5", 328, 250, 349, 267),
		ln("Best Fit", 393, 259, 449, 276), ln("F", 546, 260, 558, 274),
		ln("Fullscreen", 135, 275, 208, 293), ln("F11", 320, 276, 348, 292),
		ln("Normal Size", 393, 285, 478, 302), ln("Ctrl+0", 516, 286, 559, 301),
	}
	got := strings.Split(orderText(in), "\n")
	if strings.TrimSpace(got[0]) != "harbour.jpg - Image Viewer" {
		t.Errorf("read as\n%s\nwant the title first", strings.Join(got, "\n"))
	}
}

// A chat beside its list of conversations: the list is read, then the
// bubbles top to bottom, whichever side each one sits on.
func TestOrderReadsAChatBesideItsList(t *testing.T) {
	var in []Line
	for i, name := range []string{"Marta", "Jonas", "Family", "Anna", "Book Club"} {
		y := 80 + 60*float64(i)
		in = append(in, ln(name, 20, y, 120, y+16), ln("last message", 20, y+22, 200, y+36))
	}
	bubbles := []struct {
		text string
		x    float64
	}{{"Good morning!", 360}, {"Yes, they are lovely.", 900}, {"Can we use it?", 360}, {"Of course.", 900}, {"Thank you!", 360}}
	for i, b := range bubbles {
		y := 100 + 70*float64(i)
		in = append(in, ln(b.text, b.x, y, b.x+200, y+16), ln(fmt.Sprintf("09:0%d", i), b.x, y+24, b.x+40, y+36))
	}
	got := strings.Split(orderText(in), "\n")
	var chat []string
	for _, l := range got {
		if !strings.Contains(l, "last message") && !strings.ContainsAny(l[:1], "MJFAB") {
			chat = append(chat, l)
		}
	}
	want := "Good morning!|09:00|Yes, they are lovely.|09:01|Can we use it?|09:02|Of course.|09:03|Thank you!|09:04"
	if strings.Join(chat, "|") != want || got[0] != "Marta" {
		t.Errorf("read as\n%s\nwant the list, then the bubbles in turn", strings.Join(got, "\n"))
	}
}
