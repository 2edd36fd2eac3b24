package captioneval

import "strings"

// functionWords are the English words METEOR's δ weighs as function
// words. METEOR 1.5 reads its list from the jar (words frequent in its
// English corpus); this is a list of English closed-class words written
// for captions instead: articles, determiners, pronouns, prepositions,
// conjunctions, auxiliaries and the PTB contraction tokens.
var functionWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(functionWordList) {
		m[w] = true
	}
	return m
}()

const functionWordList = `
a an the this that these those some any each every either neither no all both half
another other such what which whose whatever whichever
i me my mine myself you your yours yourself yourselves he him his himself she her hers herself
it its itself we us our ours ourselves they them their theirs themselves who whom
one ones someone something anyone anything everyone everything nobody nothing
of in on at by for with from to into onto upon over under above below between among
through across along around about against behind beside besides beyond down up out off
near inside outside within without toward towards during before after since until till
via per than as like unlike
and or but nor so yet if then because although though while whereas whether unless
be is am are was were been being do does did doing done have has had having
will would shall should can could may might must
not n't 's 're 've 'll 'd 'm
there here where when how why also too very just only even still already again
ever never always often more most less least much many few several
`
