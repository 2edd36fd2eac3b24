// Package jsonerr turns encoding/json's errors into one sentence a person
// can act on, with the line and column of a syntax error, for the model
// folders' JSON files.
package jsonerr

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Describe turns err, from decoding data as JSON, into one sentence with a
// position: "the file is not valid JSON (… at line 3, column 7)", "the field
// "size" holds a string where a number is expected".
func Describe(data []byte, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line, col := jsonPosition(data, syn.Offset-1) // Offset counts the offending byte
		return fmt.Errorf("the file is not valid JSON (%v at line %d, column %d)", syn, line, col)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field == "" {
		return fmt.Errorf("the file holds %s where an object is expected", article(typ.Value))
	}
	if errors.As(err, &typ) {
		return fmt.Errorf("the field %q holds %s where %s is expected", typ.Field, article(typ.Value), jsonKind(typ.Type))
	}
	return fmt.Errorf("the file is not valid JSON (%v)", err)
}

// jsonPosition returns the 1-based line and column of byte offset off.
func jsonPosition(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = 1 + strings.Count(string(before), "\n")
	col = int(off) - strings.LastIndexByte(string(before), '\n')
	return line, col
}

// jsonKind names what a Go type looks like in JSON, for messages a person
// reads: "a number", "a list", never a Go type name.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "an object"
}

// article puts "a" or "an" before a JSON value kind ("an array").
func article(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}
