//go:build cgo

package screenreader

/*
#cgo CFLAGS: -x objective-c -fobjc-arc
#cgo LDFLAGS: -framework AppKit -framework Foundation
#include <stdlib.h>
#import <AppKit/AppKit.h>

// describer_has_app reports whether an NSApplication exists to post from.
static int describer_has_app(void) {
	return NSApp != nil;
}

// describer_announce posts a high-priority VoiceOver announcement on the
// main thread, from the main window if there is one, else the application.
static void describer_announce(const char *utf8) {
	NSString *text = [NSString stringWithUTF8String:utf8];
	if (text == nil) {
		return;
	}
	dispatch_async(dispatch_get_main_queue(), ^{
		id element = [NSApp mainWindow];
		if (element == nil) {
			element = NSApp;
		}
		if (element == nil) {
			return;
		}
		NSDictionary *info = @{
			NSAccessibilityAnnouncementKey: text,
			NSAccessibilityPriorityKey: @(NSAccessibilityPriorityHigh),
		};
		NSAccessibilityPostNotificationWithUserInfo(element, NSAccessibilityAnnouncementRequestedNotification, info);
	});
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

// voiceOverBuilt is true: this build can post announcements.
const voiceOverBuilt = true

func announce(text string) error {
	if C.describer_has_app() == 0 {
		return errors.New("VoiceOver: announcements need Describer's window (no NSApplication is running)")
	}
	cs := C.CString(text)
	defer C.free(unsafe.Pointer(cs))
	C.describer_announce(cs)
	return nil
}
