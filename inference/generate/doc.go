// Package generate turns a text decoder's logits into tokens, shared by the
// encoder-decoder caption models: the generation settings of a Hugging Face
// model folder (Config), logits processors, and greedy and beam search
// (Search) over a Stepper, which a model implements over its decoder
// session, with or without a key/value cache. LastLogits, RepeatRows and
// GatherRows are the tensor chores every such Stepper has.
package generate
