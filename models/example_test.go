package models_test

import (
	"fmt"
	"os"

	"github.com/describer/describer/models"
)

func ExampleDir() {
	os.Setenv(models.EnvHome, "/srv/describer")
	defer os.Unsetenv(models.EnvHome)
	fmt.Println(models.Dir(models.Caption))
	// Output: /srv/describer/models/vit-gpt2-image-captioning
}
