// Package captioneval scores captions as the COCO caption benchmark does,
// reproducing pycocoevalcap (github.com/salaniz/pycocoevalcap, the
// coco-caption code) in Go:
//
//   - Tokenize: PTB tokenisation as pycocoevalcap's PTBTokenizer does it,
//     by a Go port of the rules of Stanford CoreNLP 3.4.1's PTBLexer
//     (-preserveLines -lowerCase), then pycocoevalcap's punctuation tokens
//     removed. Captions are lower-cased after tokenising; punctuation is
//     split off ("dog." → "dog" "."), as are contractions ("don't" → "do"
//     "n't", "it's" → "it" "'s", "cannot" → "can" "not", "gonna" → "gon"
//     "na"); numbers keep their commas, decimal points and colons
//     ("3,000.50", "10:30"); hyphenated words ("2-year-old"),
//     abbreviations ("st.", "u.s.", "p.m.") and fractions ("1/2") stay whole;
//     quotes become “ ” ` ' and brackets -LRB- -RRB- -LSB- -RSB- -LCB-
//     -RCB-, with "...", "--" and the rest. Then the tokens in
//     pycocoevalcap's PUNCTUATIONS are dropped; since they are compared
//     after lower-casing, "-lrb-" and "-rrb-" stay, as in pycocoevalcap.
//     TokenizeAll tokenises captions in one run, as pycocoevalcap does,
//     because the lexer looks past a line's end: "Vitamin C." gives "c."
//     at the end of the text but "c" before a line starting "A man".
//     It differs from CoreNLP in that a line break other than "\n" inside
//     a caption (CR, U+2028, …) is a space rather than a new line, which
//     in pycocoevalcap would pair every later caption with the wrong
//     image; in lower-casing a few non-English letters (Go's case
//     mapping, not Java's: İ, a word-final Σ); and in counting a
//     character outside the Basic Multilingual Plane as one character
//     where the lexer counts two UTF-16 units (it deletes such
//     characters, emoji included, either way). It matches CoreNLP 3.4.1
//     on every caption of testdata/ptb_cases.txt and on the 1,000 captions
//     of pycocoevalcap's example results, CoreNLP's own lexer test file
//     and the inputs of its PTBTokenizer tests.
//   - BLEU: BLEU-1 to BLEU-4 as bleu/bleu_scorer.py, corpus-level, with
//     the reference length closest to each candidate's, its smoothing
//     constants (1e-15, 1e-9) and the brevity penalty.
//   - ROUGEL: ROUGE-L as rouge/rouge.py (β = 1.2; the largest LCS
//     precision and recall over the references; the mean over images).
//   - CIDErD: CIDEr-D as cider/cider_scorer.py (1- to 4-grams, σ = 6,
//     document frequencies from the references, log(number of images) as
//     the log corpus size, the Gaussian length penalty, candidate weights
//     clipped to the reference's, × 10).
//   - METEOR: an approximation. pycocoevalcap runs the METEOR 1.5 Java jar
//     (-l en -norm); this is pure Go with METEOR 1.5's English parameters
//     (α 0.85, β 0.2, γ 0.6, δ 0.75; exact matches weigh 1, stem matches
//     0.6), its fragmentation penalty and its corpus score from summed
//     statistics, but only the exact and stem stages: no synonym
//     (WordNet) or paraphrase matches, so it scores lower where a caption
//     says "puppy" for "dog". Its English function words are a built-in
//     list rather than the jar's, its alignment a beam search like
//     METEOR's, and its stemmer Snowball English (Porter2), as METEOR's.
//
// Score and Evaluate give all seven metrics; ReadAnnotations,
// ReadResults and Annotations.Pair read COCO's JSON files. BLEU, ROUGE-L
// and CIDEr-D agree with pycocoevalcap to about 1e-15 on the test set in
// testdata, whose README says how the expected values were made.
package captioneval
