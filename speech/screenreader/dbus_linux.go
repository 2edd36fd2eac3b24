package screenreader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/godbus/dbus/v5"
)

// errNoSessionBus means no D-Bus session bus is running for this user.
var errNoSessionBus = errors.New("no D-Bus session bus is running")

// sessionBusAddress finds the running session bus without starting one:
// $DBUS_SESSION_BUS_ADDRESS, else the $XDG_RUNTIME_DIR/bus socket that
// systemd user sessions provide. godbus's own lookup would run dbus-launch
// (starting a bus) when both are missing, and sets the variable as it goes.
func sessionBusAddress() (string, error) {
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return a, nil
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		p := filepath.Join(dir, "bus")
		if fi, err := os.Stat(p); err == nil && fi.Mode()&os.ModeSocket != 0 {
			return "unix:path=" + dbus.EscapeBusAddressValue(p), nil
		}
	}
	return "", errNoSessionBus
}

// connectSessionBus opens a private connection to the running session bus,
// bounded by ctx: authentication and Hello run in a goroutine, and the
// connection is closed if ctx ends first, so a hung bus cannot hang us.
func connectSessionBus(ctx context.Context) (*dbus.Conn, error) {
	addr, err := sessionBusAddress()
	if err != nil {
		return nil, err
	}
	conn, err := dbus.Dial(addr)
	if err != nil {
		return nil, fmt.Errorf("D-Bus session bus %s: %w", addr, err)
	}
	res := make(chan error, 1)
	go func() {
		err := conn.Auth(nil)
		if err == nil {
			err = conn.Hello()
		}
		res <- err
	}()
	select {
	case err = <-res:
	case <-ctx.Done():
		_ = conn.Close()
		<-res
		err = ctx.Err()
	}
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("D-Bus session bus %s: %w", addr, err)
	}
	return conn, nil
}

// nameHasOwner asks the bus whether a name is owned. It never activates
// the name's service.
func nameHasOwner(ctx context.Context, conn *dbus.Conn, name string) (bool, error) {
	var owned bool
	err := conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", dbus.FlagNoAutoStart, name).Store(&owned)
	return owned, err
}
