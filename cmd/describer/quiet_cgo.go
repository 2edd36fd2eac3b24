//go:build cgo && (linux || freebsd)

package main

/*
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int describer_saved_stderr = -1;

// describer_plain_locale reports whether the locale that applies to
// messages is the plain C or POSIX one.
static int describer_plain_locale(void) {
	const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG", NULL};
	for (int i = 0; names[i]; i++) {
		const char *v = getenv(names[i]);
		if (v && *v) {
			return strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 || strcmp(v, "POSIX") == 0;
		}
	}
	return 0;
}

// Runs before Go starts: hides standard error while Go packages
// initialise, under the C locale.
__attribute__((constructor)) static void describer_quiet_init(void) {
	if (!describer_plain_locale()) {
		return;
	}
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null < 0) {
		return;
	}
	describer_saved_stderr = fcntl(2, F_DUPFD_CLOEXEC, 3);
	if (describer_saved_stderr >= 0) {
		dup2(null, 2);
	}
	close(null);
}

static void describer_restore_stderr(void) {
	if (describer_saved_stderr >= 0) {
		dup2(describer_saved_stderr, 2);
		close(describer_saved_stderr);
		describer_saved_stderr = -1;
	}
}
*/
import "C"

// restoreStderr gives standard error back after package initialisation.
//
// Under the C or POSIX locale, Fyne's lang package logs three lines
// ("Fyne error: Error parsing user locale C") while Go packages
// initialise, before main can do anything, and every command would print
// them before its one sentence. A C constructor, which runs before Go
// starts, points standard error at /dev/null in that case only; main
// calls restoreStderr first thing.
func restoreStderr() { C.describer_restore_stderr() }
