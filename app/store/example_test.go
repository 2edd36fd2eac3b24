package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/describer/describer/app/store"
)

func Example() {
	dir, _ := os.MkdirTemp("", "history")
	defer os.RemoveAll(dir)
	db, _, err := store.Open(filepath.Join(dir, "history.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	db.Add(store.Record{Time: time.Now(), Source: "screen", Full: "Quarterly budget approved"})
	found, total, _ := db.Search("budget", 10)
	fmt.Println(total, found[0].Full)
	// Output: 1 Quarterly budget approved
}
