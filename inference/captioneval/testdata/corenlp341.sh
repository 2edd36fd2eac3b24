#!/bin/sh
# Builds the PTBTokenizer of Stanford CoreNLP 3.4.1 (the version pycocoevalcap
# ships as stanford-corenlp-3.4.1.jar) from a git clone of
# github.com/stanfordnlp/CoreNLP, for reference.py's --corenlp.
#
#   corenlp341.sh CORENLP_CLONE OUT_DIR    then: reference.py ... --corenlp OUT_DIR/classes
#
# Only the classes PTBTokenizer needs are compiled (javac -sourcepath), with a
# JDK 9 or later. Two changes let that code build on a current JDK: a stub for
# the generated lemmatiser Morpha.java, which the tokenizer never runs, and a
# cast in util/Comparators.java that newer javac needs. The lexer itself,
# PTBLexer.java, is compiled as tagged.
set -eu
clone=$1 out=$2
mkdir -p "$out/src" "$out/classes"
# File by file, so a clone missing a large blob (the generated Morpha.java)
# still gives the rest.
git -C "$clone" ls-tree -r v3.4.1 src/edu/stanford/nlp | while read -r _ _ blob path; do
	mkdir -p "$out/$(dirname "$path")"
	git -C "$clone" cat-file blob "$blob" > "$out/$path" 2>/dev/null || rm -f "$out/$path"
done
cat > "$out/src/edu/stanford/nlp/process/Morpha.java" <<'JAVA'
package edu.stanford.nlp.process;
// Stub for the generated lemmatiser; PTBTokenizer never calls it.
class Morpha {
  static final int any = 0, scan = 1;
  Morpha(java.io.InputStream in) {}
  Morpha(java.io.Reader in) {}
  void setOptions(int f) {}
  void setOption(int i, boolean b) {}
  boolean option(int i) { return false; }
  void yyreset(java.io.Reader r) {}
  void yybegin(int s) {}
  String next() throws java.io.IOException { throw new UnsupportedOperationException(); }
}
JAVA
sed -i 's|    return chain(Arrays.asList(c));|    return chain((List<Comparator<? super T>>) (List) Arrays.asList(c));|' \
	"$out/src/edu/stanford/nlp/util/Comparators.java"
javac --release 8 -nowarn -encoding utf-8 -sourcepath "$out/src" -d "$out/classes" \
	"$out/src/edu/stanford/nlp/process/PTBTokenizer.java"
echo "built $out/classes"
