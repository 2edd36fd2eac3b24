package hotkey_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/describer/describer/ui/hotkey"
)

func ExampleParse() {
	c, err := hotkey.Parse("ctrl+alt+shift+f5")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c)

	_, err = hotkey.Parse("Ctrl+Alt+Foo")
	var pe *hotkey.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Reason)
	}
	// Output:
	// Ctrl+Alt+Shift+F5
	// "Foo" is not a key name; use a letter, a digit, F1 to F24 or a name such as Space
}

func ExampleManager() {
	m, err := hotkey.New()
	if err != nil {
		// On Wayland without XWayland or on macOS the error is a sentence to show or speak.
		fmt.Println(err)
		return
	}
	defer m.Close()

	pressed := make(chan struct{})
	err = m.Register(hotkey.MustParse("Ctrl+Alt+D"), func() { close(pressed) })
	if errors.Is(err, hotkey.ErrTaken) {
		fmt.Println(err) // "Ctrl+Alt+D is already used by another program; choose another in Settings."
		return
	}
	<-pressed
	fmt.Println("describe the screen")
}
