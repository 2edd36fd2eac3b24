package models_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/describer/describer/models"
)

func ExampleDir() {
	os.Setenv(models.EnvHome, "/srv/describer")
	defer os.Unsetenv(models.EnvHome)
	fmt.Println(models.Dir(models.Caption))
	// Output: /srv/describer/models/Florence-2-base-ft
}

// A front end shows the download size, asks, then pulls with progress.
func ExamplePull() {
	sets := []models.Set{models.OCR}
	plan, err := models.PlanPull(sets, models.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("Download %s?\n", models.FormatBytes(plan.Bytes))
	err = models.PullPlan(context.Background(), plan, models.Options{
		Progress: func(p models.Progress) { fmt.Printf("\r%d of %d bytes", p.Done, p.Total) },
	})
	if errors.Is(err, models.ErrOffline) {
		fmt.Println("Offline; Describer keeps working with what is installed.")
	}
}
