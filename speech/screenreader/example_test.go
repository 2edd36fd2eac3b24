package screenreader_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/screenreader"
)

// "auto": the screen reader when one runs, else Describer's own voice.
func ExampleDetect() {
	ctx := context.Background()
	var eng speech.Engine
	eng, err := screenreader.Detect(ctx, screenreader.Config{})
	switch {
	case errors.Is(err, screenreader.ErrNoScreenReader):
		fmt.Println("no screen reader: use Piper if a voice is installed, else eSpeak NG")
		return
	case err != nil:
		log.Printf("the screen reader runs but cannot be reached (%v): use Describer's own voice", err)
		return
	}
	defer eng.Close()
	if err := eng.Speak(ctx, "A dog runs along a beach."); err != nil {
		log.Print(err)
	}
}

// Talking SSIP directly, with speech-dispatcher's events.
func ExampleDial() {
	ctx := context.Background()
	c, err := screenreader.Dial(ctx, screenreader.Config{
		OnEvent: func(ev screenreader.Event) { log.Printf("message %d: %v", ev.MessageID, ev.Kind) },
	})
	if err != nil {
		log.Print(err) // speech-dispatcher is not running (nothing answers at unix_socket:…)
		return
	}
	defer c.Close()
	id, err := c.Speak(ctx, "First line.\n.A line that starts with a dot.")
	if err != nil {
		log.Print(err)
		return
	}
	if ev, err := c.Wait(ctx, id); err == nil {
		fmt.Println(ev.Kind) // END, or CANCELED if something cut it off
	}
}

func ExampleParseAddress() {
	a, err := screenreader.ParseAddress("inet_socket:localhost:6560")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Network, a.Addr)
	// Output: tcp localhost:6560
}
