//go:build unix

package instance_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/describer/describer/ui/instance"
)

// The first start of the app claims the socket; a second start hands its
// files to the first and is told that the app already runs.
func Example() {
	dir, _ := os.MkdirTemp("", "instance")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "describer", "app.sock")
	got := make(chan []string)
	first, err := instance.Claim(path, nil, func(files []string) { got <- files })
	if err != nil {
		fmt.Println(err)
		return
	}
	defer first.Close()
	first.Ready() // the window exists: messages may come through
	_, err = instance.Claim(path, []string{"/home/user/photo.png"}, nil)
	fmt.Println(errors.Is(err, instance.ErrAlreadyRunning), <-got)
	// Output: true [/home/user/photo.png]
}
