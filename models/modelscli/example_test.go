package modelscli_test

import (
	"fmt"
	"os"

	"github.com/describer/describer/models"
	"github.com/describer/describer/models/modelscli"
)

// A front end resolves the names from its command line, then lets
// Commands do the rest and print it.
func ExampleCommands_Verify() {
	os.Setenv(models.EnvHome, os.TempDir()+"/describer-example-empty")
	defer os.Unsetenv(models.EnvHome)
	sets, err := modelscli.Lookup([]string{"ocr"})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := &modelscli.Commands{Stdout: os.Stdout, Stderr: os.Stdout}
	if bad := c.Verify(sets); bad > 0 {
		os.Exit(1)
	}
	// Output:
	// ocr: not installed.
	// Nothing is installed to verify.
}

func ExampleMissingNote() {
	fmt.Println(modelscli.MissingNote([]models.Set{models.OCR}, nil))
	// Output: not installed: ocr (16.2 MB); meanwhile describe --no-ocr still captions images; run "describer models pull ocr" to fetch them
}
