package captioneval

import (
	"cmp"
	"slices"
)

// meteorBeam is how many partial alignments the search keeps, as
// METEOR's aligner does.
const meteorBeam = 40

// Match stages.
const (
	stageExact = iota
	stageStem
)

// alignState is a partial alignment of the candidate's first words.
type alignState struct {
	used            []bool // reference words already matched
	match           []int  // match[i]: the reference word candidate word i matches, or -1
	stage           []int  // the stage of match[i]
	matches, chunks int
	dist            int // Σ|i − j| over the matches
	stems           int // the matches made by stem
}

// compare orders states best first: more matches, then fewer chunks,
// then less distance (as METEOR's aligner), then fewer stem matches.
func (a *alignState) compare(b *alignState) int {
	return cmp.Or(cmp.Compare(b.matches, a.matches), cmp.Compare(a.chunks, b.chunks),
		cmp.Compare(a.dist, b.dist), cmp.Compare(a.stems, b.stems))
}

// meteorAlign aligns cand with ref, each word matched at most once,
// exactly or by stem, and returns the alignment's statistics.
func meteorAlign(cand, ref []string) meteorStats {
	candStems, refStems := stemAll(cand), stemAll(ref)
	beam := []*alignState{{used: make([]bool, len(ref))}}
	for i := range cand {
		var next []*alignState
		for _, s := range beam {
			next = append(next, s.extend(i, -1, 0))
			for j := range ref {
				if s.used[j] {
					continue
				}
				switch {
				case cand[i] == ref[j]:
					next = append(next, s.extend(i, j, stageExact))
				case candStems[i] == refStems[j]:
					next = append(next, s.extend(i, j, stageStem))
				}
			}
		}
		slices.SortStableFunc(next, (*alignState).compare)
		beam = next[:min(len(next), meteorBeam)]
	}
	return alignStats(beam[0], cand, ref)
}

// extend returns s with candidate word i matched to reference word j
// (none for −1) at stage.
func (s *alignState) extend(i, j, stage int) *alignState {
	n := &alignState{used: slices.Clone(s.used), match: append(slices.Clone(s.match), j),
		stage: append(slices.Clone(s.stage), stage), matches: s.matches, chunks: s.chunks, dist: s.dist, stems: s.stems}
	if j < 0 {
		return n
	}
	n.used[j] = true
	n.matches++
	if stage == stageStem {
		n.stems++
	}
	n.dist += abs(i - j)
	if i == 0 || s.match[i-1] != j-1 || j == 0 {
		n.chunks++
	}
	return n
}

// alignStats counts an alignment's matches by stage and kind of word.
func alignStats(a *alignState, cand, ref []string) meteorStats {
	st := meteorStats{testLen: float64(len(cand)), refLen: float64(len(ref)),
		testFunc: countFunc(cand), refFunc: countFunc(ref), chunks: float64(a.chunks)}
	for i, j := range a.match {
		if j < 0 {
			continue
		}
		k := a.stage[i]
		addWord(&st.testContentMatches[k], &st.testFuncMatches[k], cand[i])
		addWord(&st.refContentMatches[k], &st.refFuncMatches[k], ref[j])
		st.testWords++
		st.refWords++
	}
	return st
}

// addWord counts one matched word as content or function word.
func addWord(content, function *float64, w string) {
	if functionWords[w] {
		*function++
	} else {
		*content++
	}
}

func countFunc(words []string) float64 {
	n := 0.0
	for _, w := range words {
		if functionWords[w] {
			n++
		}
	}
	return n
}

func stemAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = Stem(w)
	}
	return out
}
